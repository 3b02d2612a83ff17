from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsProjectType(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = new_test_user(cls.env, login="ps_member", groups="project.group_project_user")
        cls.pmo = new_test_user(cls.env, login="ps_pmo", groups="project.group_project_manager")
        cls.audit = cls.env["ps.project.type"].create({"name": "Audit", "code": "AUD-T"})

    def test_pmo_creates_type_and_project_of_that_type(self):
        """The PMO defines a type and a project of that type counts on it."""
        with Form(self.env["ps.project.type"].with_user(self.pmo)) as form:
            form.name = "Training"
            form.code = "TRN-T"
        training = form.record
        self.env["project.project"].with_user(self.pmo).create(
            {"name": "Sales academy", "ps_project_type_id": training.id}
        )
        self.assertEqual(training.project_count, 1)
        self.assertEqual(self.audit.project_count, 0)

    def test_member_reads_but_cannot_configure(self):
        """Project members see the types but may not change them."""
        self.assertEqual(self.audit.with_user(self.member).name, "Audit")
        with self.assertRaises(AccessError):
            self.audit.with_user(self.member).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.audit.with_user(self.member).unlink()

    def test_projects_of_a_type_get_its_task_stages(self):
        """A new project of a type has the type's task stages, and the tasks of
        its template start in the first one; stages given explicitly win."""
        Stage = self.env["project.task.type"]
        todo, doing, done = (
            Stage.create({"name": name, "sequence": seq})
            for name, seq in (("T To do", 1), ("T Doing", 2), ("T Done", 3))
        )
        template = self.env["ps.wbs.template"].create(
            {"name": "Audit T", "node_ids": [(0, 0, {"name": "Fieldwork"})]}
        )
        self.audit.write(
            {"task_stage_ids": [(6, 0, (todo | doing | done).ids)], "wbs_template_id": template.id}
        )
        project = (
            self.env["project.project"]
            .with_user(self.pmo)
            .create({"name": "Audit of Helios", "ps_project_type_id": self.audit.id})
        )
        self.assertEqual(project.type_ids, todo | doing | done)
        project.action_ps_apply_wbs_template()
        self.assertEqual(project.task_ids.stage_id, todo)
        own = (
            self.env["project.project"]
            .with_user(self.pmo)
            .create(
                {
                    "name": "Own stages",
                    "ps_project_type_id": self.audit.id,
                    "type_ids": [(6, 0, done.ids)],
                }
            )
        )
        self.assertEqual(own.type_ids, done)
        untyped = self.env["project.project"].with_user(self.pmo).create({"name": "No type"})
        self.assertNotIn(todo, untyped.type_ids)
