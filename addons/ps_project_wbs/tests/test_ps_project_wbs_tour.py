from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import meet_start_requirements


@tagged("post_install", "-at_install")
class TestPsProjectWbsTour(HttpCase):
    def test_project_type_tour(self):
        """The PMO adds a project type from Project > Configuration."""
        self.start_tour("/odoo", "ps_project_wbs_project_type_tour", login="admin")
        project_type = self.env["ps.project.type"].search([("code", "=", "TOUR")])
        self.assertEqual(project_type.name, "Tour type")

    def test_template_initiation_timeline_tour(self):
        """The PMO creates an engagement's tasks from its type's template, records the
        initiation decision (the PMO's, by the shipped rule) and finds the tasks on
        the timeline."""
        project_type = self.env["ps.project.type"].create({"name": "Tour Advisory", "code": "TADV"})
        template = self.env["ps.wbs.template"].create(
            {"name": "Tour template", "project_type_id": project_type.id}
        )
        kickoff = self.env["ps.wbs.template.node"].create(
            {"template_id": template.id, "name": "Tour kick-off", "duration_days": 3}
        )
        self.env["ps.wbs.template.node"].create(
            {
                "template_id": template.id,
                "parent_id": kickoff.id,
                "name": "Tour charter",
                "planned_hours": 6,
            }
        )
        project_type.wbs_template_id = template
        project = self.env["project.project"].create(
            {
                "name": "Tour Engagement",
                "ps_project_type_id": project_type.id,
                "date_start": fields.Date.today(),
                "date": fields.Date.add(fields.Date.today(), days=60),
            }
        )
        meet_start_requirements(project)  # DR1: its budget is approved
        self.start_tour(
            "/odoo/action-project.open_view_project_all?view_type=list",
            "ps_project_wbs_template_tour",
            login="admin",
        )
        self.assertEqual(sorted(project.task_ids.mapped("ps_wbs_code")), ["1", "1.1"])
        gate = project.ps_gate_ids
        self.assertEqual((gate.gate_type, gate.state), ("initiation", "approved"))
        self.assertEqual(gate.review_ids.done_by, self.env.ref("base.user_admin"))

    def test_deliverable_acceptance_and_workload_tour(self):
        """The manager accepts a submitted deliverable, then finds an overloaded
        consultant in the workload report and opens their tasks of the week."""
        consultant = new_test_user(
            self.env,
            login="ps_tour_consultant",
            name="Tour Consultant",
            groups="base.group_user,project.group_project_user",
        )
        self.env["hr.employee"].create({"name": "Tour Consultant", "user_id": consultant.id})
        admin = self.env.ref("base.user_admin")
        project = self.env["project.project"].create(
            {"name": "Tour Delivery", "user_id": admin.id, "privacy_visibility": "followers"}
        )
        monday = fields.Date.today() - timedelta(days=fields.Date.today().weekday())
        self.env["project.task"].create(
            {
                "name": "Tour analysis",
                "project_id": project.id,
                "user_ids": [Command.set(consultant.ids)],
                "allocated_hours": 60.0,
                "ps_date_start": datetime.combine(monday, time()),
                "date_deadline": datetime.combine(monday + timedelta(days=4), time()),
            }
        )
        deliverable = self.env["ps.project.deliverable"].create(
            {"project_id": project.id, "name": "Tour diagnostic report", "owner_id": consultant.id}
        )
        deliverable.action_submit()
        self.start_tour(
            "/odoo/action-ps_project_wbs.ps_project_deliverable_action",
            "ps_project_wbs_deliverable_tour",
            login="admin",
        )
        self.assertEqual(deliverable.state, "accepted")
        self.assertEqual(deliverable.accepted_by_id, admin)
