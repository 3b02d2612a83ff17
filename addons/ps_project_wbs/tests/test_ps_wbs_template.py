from datetime import date, timedelta

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWbsTemplate(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pmo = new_test_user(
            cls.env, login="ps_wbs_pmo", groups="base.group_user,project.group_project_manager"
        )
        cls.member = new_test_user(
            cls.env, login="ps_wbs_member", groups="base.group_user,project.group_project_user"
        )
        cls.type = cls.env["ps.project.type"].create({"name": "Audit T", "code": "AUDT"})

    @classmethod
    def _template(cls, roots, children, grandchildren, name="Audit engagement"):
        """A template of roots × (1 + children × (1 + grandchildren)) tasks, built
        level by level."""
        template = cls.env["ps.wbs.template"].create({"name": name, "project_type_id": cls.type.id})
        Node = cls.env["ps.wbs.template.node"]
        level = Node.create(
            [
                {
                    "template_id": template.id,
                    "name": f"Phase {r + 1}",
                    "sequence": r,
                    "phase": "planning",
                    "offset_days": 10 * r,
                    "duration_days": 10,
                    "is_milestone": True,
                }
                for r in range(roots)
            ]
        )
        for count in (children, grandchildren):
            level = Node.create(
                [
                    {
                        "template_id": template.id,
                        "parent_id": parent.id,
                        "name": f"{parent.name}.{c + 1}",
                        "sequence": c,
                        "planned_hours": 4.0,
                        "offset_days": parent.offset_days + c,
                        "duration_days": 2,
                    }
                    for parent in level
                    for c in range(count)
                ]
            )
        return template

    def _project(self, name="Client audit"):
        return self.env["project.project"].create(
            {"name": name, "ps_project_type_id": self.type.id, "date_start": date(2026, 1, 5)}
        )

    def test_project_from_template_builds_tree_codes_dates_and_milestones(self):
        template = self._template(2, 2, 2)
        self.type.wbs_template_id = template
        project = self._project()
        project.with_user(self.pmo).action_ps_apply_wbs_template()
        tasks = project.with_context(active_test=False).task_ids
        self.assertEqual(len(tasks), 2 + 4 + 8)
        by_code = {t.ps_wbs_code: t for t in tasks}
        self.assertEqual(sorted(by_code)[:6], ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1"])
        self.assertEqual(by_code["1.2.1"].parent_id, by_code["1.2"])
        self.assertEqual(by_code["1.2"].parent_id, by_code["1"])
        self.assertEqual(by_code["2.1.2"].name, "Phase 2.1.2")
        self.assertEqual(by_code["2"].date_deadline.date(), date(2026, 1, 5) + timedelta(days=20))
        self.assertEqual(by_code["1.1.1"].allocated_hours, 4.0)
        self.assertEqual(by_code["2"].ps_date_start.date(), date(2026, 1, 5) + timedelta(days=10))
        self.assertEqual(project.milestone_ids.mapped("name"), ["Phase 1", "Phase 2"])
        self.assertEqual(project.ps_wbs_template_id, template)
        with self.assertRaisesRegex(UserError, "already has tasks from a template"):
            project.action_ps_apply_wbs_template()

    def test_template_tasks_start_unassigned(self):
        """Whoever instantiates the template (here a member, through sudo as a
        contract hand-over does) is not made the assignee of its tasks."""
        self.type.wbs_template_id = self._template(1, 2, 0)
        project = self._project()
        project.with_user(self.member).sudo().action_ps_apply_wbs_template()
        tasks = project.with_context(active_test=False).task_ids
        self.assertEqual(len(tasks), 3)
        self.assertFalse(tasks.user_ids)

    def test_task_form_shows_wbs_fields_in_its_sheet(self):
        """The WBS code, phase, role and start of a task are labelled fields of
        the task form's sheet, not loose values above its header."""
        arch = etree.fromstring(
            self.env["project.task"].get_view(self.env.ref("project.view_task_form2").id, "form")[
                "arch"
            ]
        )
        for name in ("ps_wbs_code", "ps_phase", "ps_role_id", "ps_date_start"):
            self.assertTrue(arch.xpath(f"//sheet//group/field[@name='{name}']"), name)

    def test_200_task_template_is_instantiated_in_a_bounded_number_of_queries(self):
        """Tasks are created one tree level at a time, dependencies in one
        INSERT, milestones, deliverables, risks and checklist in one create
        each: a 210-task template costs the same queries as a 21-task one."""
        counts = {}
        for name, roots in (("Small", 1), ("Large", 10)):
            template = self._template(roots, 4, 4, name=name)
            nodes = template.node_ids.sorted("id")
            # every task waits for the previous one; every root has a deliverable
            for previous, node in zip(nodes, nodes[1:], strict=False):
                node.depend_on_ids = previous
            self.env["ps.wbs.template.deliverable"].create(
                [
                    {"template_id": template.id, "name": f"Report {n.name}", "node_id": n.id}
                    for n in nodes.filtered(lambda n: not n.parent_id)
                ]
            )
            self.env["ps.wbs.template.risk"].create(
                {"template_id": template.id, "name": "Data late", "probability": "4"}
            )
            project = self._project(name)
            self.env.flush_all()
            self.env.invalidate_all()
            count0 = self.cr.sql_log_count
            tasks = project._ps_instantiate_template(template)
            self.env.flush_all()
            counts[name] = self.cr.sql_log_count - count0

            self.assertEqual(len(tasks), template.node_count)
            by_code = {t.ps_wbs_code: t for t in tasks}
            self.assertEqual(by_code[f"{roots}.4.4"].parent_id, by_code[f"{roots}.4"])
            by_name = {t.name: t for t in tasks}
            for previous, node in zip(nodes, nodes[1:], strict=False):
                self.assertEqual(by_name[node.name].depend_on_ids, by_name[previous.name])
            self.assertEqual(len(project.milestone_ids), roots)
            self.assertEqual(by_code["1"].milestone_id.name, "Phase 1")
            self.assertEqual(len(project.ps_deliverable_ids), roots)
            self.assertEqual(
                project.ps_deliverable_ids.filtered(lambda d: d.name == "Report Phase 1").task_id,
                by_code["1"],
            )
            self.assertEqual(project.ps_risk_ids.score, 12)
            followers = by_code["1.1.1"].message_follower_ids.partner_id
            self.assertIn(self.env.user.partner_id, followers)
        self.assertEqual(len(tasks), 210)
        self.assertLessEqual(counts["Large"], counts["Small"] + 5, counts)
        self.assertLess(counts["Large"], 80, counts)

    def test_template_dependency_cycle_is_refused(self):
        template = self._template(1, 2, 0)
        first, second = template.node_ids.filtered("parent_id")
        second.depend_on_ids = first
        with self.assertRaisesRegex(ValidationError, "wait for each other in a circle"):
            first.depend_on_ids = second

    def test_template_parent_loop_is_refused(self):
        template = self._template(1, 1, 1)
        root = template.node_ids.filtered(lambda n: not n.parent_id)
        leaf = template.node_ids.filtered(lambda n: not n.child_ids)
        with self.assertRaisesRegex(ValidationError, "itself or one of its own sub-tasks"):
            root.parent_id = leaf

    def test_task_parent_loop_and_cyclic_dependency_are_refused(self):
        project = self._project()
        project._ps_instantiate_template(self._template(1, 1, 0))
        parent = project.task_ids.filtered(lambda t: t.ps_wbs_code == "1")
        child = project.task_ids.filtered(lambda t: t.ps_wbs_code == "1.1")
        with self.assertRaisesRegex(ValidationError, "itself or one of its own sub-tasks"):
            parent.parent_id = child
        with self.assertRaisesRegex(ValidationError, "itself or one of its own sub-tasks"):
            parent.parent_id = parent
        child.depend_on_ids = parent
        with self.assertRaisesRegex(ValidationError, "(?i)cyclic|circular|depend on each other"):
            parent.depend_on_ids = child

    def test_new_version_archives_the_old_one(self):
        template = self._template(1, 2, 0)
        action = template.with_user(self.pmo).action_new_version()
        new = self.env["ps.wbs.template"].browse(action["res_id"])
        self.assertEqual(new.version, 2)
        self.assertEqual(len(new.node_ids), 3)
        self.assertEqual(
            new.node_ids.filtered("parent_id").parent_id,
            new.node_ids.filtered(lambda n: not n.parent_id),
        )
        self.assertFalse(template.active)

    def test_member_reads_templates_but_cannot_change_them(self):
        template = self._template(1, 0, 0).with_user(self.member)
        self.assertEqual(template.name, "Audit engagement")
        with self.assertRaises(AccessError):
            template.write({"name": "Mine"})

    def test_project_without_template_gets_a_clear_error(self):
        project = self.env["project.project"].create({"name": "Ad hoc"})
        with self.assertRaisesRegex(UserError, "no WBS template"):
            project.action_ps_apply_wbs_template()

    def test_projects_group_by_every_phase(self):
        project = self._project()
        self.assertEqual(project.ps_phase, "initiation")
        groups = self.env["project.project"].read_group(
            [("id", "=", project.id)], ["ps_phase"], ["ps_phase"]
        )
        self.assertEqual(
            [g["ps_phase"] for g in groups],
            ["initiation", "planning", "execution", "monitoring", "closing"],
        )

    def test_timeline_views_load(self):
        for model in ("project.task", "project.project"):
            view = self.env[model].get_view(view_type="timeline")
            self.assertIn("<timeline", view["arch"], model)
