from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.ps_project_wbs.tests.common import meet_start_requirements


@tagged("post_install", "-at_install")
class TestPsDashboardTour(HttpCase):
    def test_cockpit_tour(self):
        """An executive opens the cockpit, clicks the Execution slice of the
        projects-by-phase pie and lands on the projects in execution."""
        new_test_user(
            self.env,
            login="ps_ceo_tour",
            password="ps_ceo_tour",
            groups="base.group_user,ps_dashboard.group_ps_executive",
        )
        Project = self.env["project.project"].with_context(tracking_disable=True)
        Project.create(
            [
                {"name": "Cockpit tour project", "ps_phase": "execution"},
                {"name": "Cockpit tour planning", "ps_phase": "planning"},
            ]
        )
        self.start_tour("/odoo", "ps_dashboard_cockpit_tour", login="ps_ceo_tour")


@tagged("post_install", "-at_install")
class TestPsApprovalsPhoneTour(HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_approve_from_a_phone(self):
        """A reviewer approves a project start from the inbox at phone size:
        the gate is approved and the project enters planning."""
        ceo = new_test_user(
            self.env,
            login="ps_ceo_phone",
            password="ps_ceo_phone",
            groups="base.group_user,ps_dashboard.group_ps_executive",
        )
        Tier = self.env["tier.definition"]
        Tier.search([("model", "=", "ps.project.gate")]).active = False
        Tier.create(
            {
                "name": "The CEO approves starts (tour)",
                "model_id": self.env.ref("ps_project_wbs.model_ps_project_gate").id,
                "review_type": "individual",
                "reviewer_id": ceo.id,
            }
        )
        project = self.env["project.project"].create({"name": "Phone tour project"})
        meet_start_requirements(project)  # DR1: its budget is approved
        project.action_ps_request_initiation()
        self.assertEqual(project.ps_gate_ids.state, "draft")
        self.start_tour(
            "/odoo/action-ps_dashboard.ps_approval_item_action",
            "ps_dashboard_approvals_phone_tour",
            login="ps_ceo_phone",
        )
        self.assertEqual(project.ps_gate_ids.state, "approved")
        self.assertEqual(project.ps_phase, "planning")
