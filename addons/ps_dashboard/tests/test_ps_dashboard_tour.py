from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.ps_project_wbs.tests.common import meet_start_requirements

from .common import PsDashboardCase


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


@tagged("post_install", "-at_install")
class TestPsApprovalsOutcomePhoneTour(PsDashboardCase, HttpCase):
    """Issue 17 item 2 acceptance: a manager decides from the inbox at phone
    size; each document is in its next state and its requester is told."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="ps_mgr_phone",
            password="ps_mgr_phone",
            name="Tour Manager",
            groups="base.group_user,ps_dashboard.group_ps_executive",
        )
        cls.salesman.name = "Tour Salesperson"
        for model in (
            "ps_contract.model_ps_invoice_request",
            "ps_project_wbs.model_ps_project_gate",
            "ps_expense_finance.model_ps_project_budget",
        ):
            cls.env["tier.definition"].create(
                {
                    "name": f"The manager decides ({model})",
                    "model_id": cls.env.ref(model).id,
                    "review_type": "individual",
                    "reviewer_id": cls.manager.id,
                }
            )
        # an invoice request of the salesperson
        contract = cls._signed_contract(cls._project("Tour invoice project"))
        cls.invoice_request = (
            cls.env["ps.invoice.request"]
            .with_user(cls.salesman)
            .create({"contract_id": contract.id, "milestone_id": contract.milestone_ids.id})
        )
        cls.invoice_request.action_submit()
        # a change request of the project manager, on a project in execution
        project = cls._project("Tour change project")
        cls.task = cls.env["project.task"].create(
            {
                "name": "Fieldwork",
                "project_id": project.id,
                "date_deadline": "2026-03-20 17:00:00",
                "allocated_hours": 40.0,
            }
        )
        meet_start_requirements(project)
        project = project.with_user(cls.pm)
        project.action_ps_request_initiation()
        project.ps_gate_ids.with_user(cls.manager).validate_tier()
        project.action_ps_request_plan()
        project.ps_gate_ids.filtered(lambda g: g.gate_type == "plan").with_user(
            cls.manager
        ).validate_tier()
        action = project.action_ps_new_change_request()
        cls.change = cls.env["ps.project.gate"].with_user(cls.pm).browse(action["res_id"])
        cls.change.write(
            {
                "reason": "The client adds two subsidiaries",
                "impact": "Two more weeks of fieldwork",
                "change_line_ids": [
                    Command.create(
                        {
                            "task_id": cls.task.id,
                            "new_date_deadline": "2026-04-03 17:00:00",
                            "new_hours": 60.0,
                        }
                    )
                ],
            }
        )
        cls.change.action_ps_submit()
        # a budget of the project manager
        cls.budget = (
            cls.env["ps.project.budget"]
            .with_user(cls.pm)
            .create(
                {
                    "project_id": cls._project("Tour budget project", allow_timesheets=True).id,
                    "line_ids": [
                        Command.create(
                            {
                                "category_id": cls.env.ref(
                                    "ps_expense_finance.ps_cost_category_travel"
                                ).id,
                                "amount": 8000.0,
                            }
                        )
                    ],
                }
            )
        )
        cls.budget.action_submit()

    def _told(self, record, user, text):
        """The messages on ``record`` notified to ``user``'s partner containing ``text``."""
        notifications = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", user.partner_id.id),
                ("mail_message_id.model", "=", record._name),
                ("mail_message_id.res_id", "=", record.id),
            ]
        )
        return notifications.mail_message_id.filtered(lambda m: text in m.body)

    def test_a_manager_approves_three_documents_from_a_phone(self):
        """Invoice request, change request and budget approved from their
        cards: each is in its next state and its requester was told."""
        self.assertEqual(
            (self.invoice_request.state, self.change.state, self.budget.state),
            ("to_approve", "draft", "submitted"),
        )
        self.start_tour(
            "/odoo/action-ps_dashboard.ps_approval_item_action",
            "ps_dashboard_approvals_outcome_phone_tour",
            login="ps_mgr_phone",
        )
        self.env.invalidate_all()
        self.assertEqual(self.invoice_request.state, "approved")
        self.assertEqual(self.invoice_request.approved_by_id, self.manager)
        self.assertEqual(self.change.state, "approved")
        self.assertEqual(str(self.task.date_deadline), "2026-04-03 17:00:00")
        self.assertEqual(self.task.allocated_hours, 60.0)
        self.assertEqual(self.budget.state, "approved")
        for record, requester in (
            (self.invoice_request, self.salesman),
            (self.change, self.pm),
            (self.budget, self.pm),
        ):
            told = self._told(record, requester, "was approved by Tour Manager")
            self.assertEqual(len(told), 1, record.display_name)
            self.assertEqual(told.author_id, self.manager.partner_id)

    def test_a_manager_rejects_with_a_reason_from_a_phone(self):
        """The invoice request rejected from its card with a reason returns to
        its author's draft, with the reason in the chatter, addressed to them,
        and a to-do."""
        self.env["tier.definition"].search(
            [("model", "=", "ps.invoice.request"), ("reviewer_id", "=", self.manager.id)]
        ).has_comment = True
        self.start_tour(
            "/odoo/action-ps_dashboard.ps_approval_item_action",
            "ps_dashboard_approvals_reject_phone_tour",
            login="ps_mgr_phone",
        )
        self.env.invalidate_all()
        self.assertEqual(self.invoice_request.state, "draft")
        told = self._told(self.invoice_request, self.salesman, "Wrong milestone amount")
        self.assertEqual(len(told), 1)
        self.assertIn("Rejected by Tour Manager", told.body)
        todo = self.invoice_request.activity_ids.filtered(lambda a: a.user_id == self.salesman)
        self.assertEqual(len(todo), 1)
        self.assertEqual((self.change.state, self.budget.state), ("draft", "submitted"))
