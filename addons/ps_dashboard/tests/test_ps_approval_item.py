from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ps_project_wbs.tests.common import meet_start_requirements

from .common import PsDashboardCase


@tagged("post_install", "-at_install")
class TestPsApprovalItem(PsDashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["tier.definition"].create(
            {
                "name": "The CEO approves project starts",
                "model_id": cls.env.ref("ps_project_wbs.model_ps_project_gate").id,
                "review_type": "individual",
                "reviewer_id": cls.ceo.id,
                "definition_domain": "[('gate_type', '=', 'initiation')]",
            }
        )
        cls.project = cls._project("Inbox project")
        cls.project.with_user(cls.pm).action_ps_request_initiation()
        cls.gate = cls.project.ps_gate_ids
        contract = cls._signed_contract(cls._project("Inbox contract project"))
        cls.collection = cls._collection(contract, 2500.0, confirm=False)
        # An employee whose expense reports go to the approver.
        cls.approver = cls.env["res.users"].create(
            {
                "name": "Expense approver",
                "login": "ps_db_approver",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("hr_expense.group_hr_expense_team_approver").id,
                        ],
                    )
                ],
            }
        )
        employee_user = cls.env["res.users"].create(
            {"name": "Expense employee", "login": "ps_db_employee"}
        )
        employee = cls.env["hr.employee"].create(
            {
                "name": "Expense employee",
                "user_id": employee_user.id,
                "work_email": "employee@example.com",
                "expense_manager_id": cls.approver.id,
            }
        )
        product = cls.env["product.product"].create(
            {"name": "Taxi", "type": "service", "can_be_expensed": True, "standard_price": 0.0}
        )
        expense = cls.env["hr.expense"].create(
            {
                "name": "Taxi to the client",
                "employee_id": employee.id,
                "product_id": product.id,
                "total_amount_currency": 42.0,
            }
        )
        cls.sheet = cls.env["hr.expense.sheet"].create(
            {
                "name": "Client visit",
                "employee_id": employee.id,
                "expense_line_ids": [(6, 0, expense.ids)],
            }
        )
        cls.sheet.action_submit_sheet()

    def _inbox(self, user):
        items = self.env["ps.approval.item"].with_user(user).search([])
        return items, {(item.res_model, item.res_id) for item in items}

    def test_inbox_lists_exactly_what_waits_for_the_user(self):
        """Each user's inbox holds exactly the items waiting for their decision:
        tier reviews for their reviewers, recorded collections for finance,
        submitted expense reports for their approver."""
        reviews = self.env["tier.review"].search(
            [("status", "=", "pending"), ("reviewer_ids", "in", self.ceo.ids)]
        )
        expected = {(review.model, review.res_id) for review in reviews}
        self.assertIn(("ps.project.gate", self.gate.id), expected)
        self.assertEqual(self._inbox(self.ceo)[1], expected)

        recorded = self.env["ps.contract.collection"].search([("state", "=", "recorded")])
        self.assertIn(self.collection, recorded)
        # (group reviews already pending in the database, e.g. demo invoice
        # requests, count the new finance user among their reviewers)
        finance_reviews = self.env["tier.review"].search(
            [("status", "=", "pending"), ("reviewer_ids", "in", self.finance.ids)]
        )
        self.assertEqual(
            self._inbox(self.finance)[1],
            {("ps.contract.collection", c.id) for c in recorded}
            | {(review.model, review.res_id) for review in finance_reviews},
        )
        self.assertEqual(self._inbox(self.approver)[1], {("hr.expense.sheet", self.sheet.id)})
        # Nothing waits for the project manager nor for the salesperson.
        self.assertFalse(self._inbox(self.pm)[0])
        self.assertFalse(self._inbox(self.salesman)[0])
        items = self._inbox(self.ceo)[0].filtered(lambda i: i.res_id == self.gate.id)
        self.assertEqual(items.name, self.gate.display_name)
        self.assertEqual(items.kind, "review")

    def test_approving_a_review_advances_the_gate(self):
        """The reviewer approves the gate from the inbox: the gate is approved,
        the project enters planning and the item leaves the inbox."""
        meet_start_requirements(self.project)  # DR1: its budget is approved
        item = self._inbox(self.ceo)[0].filtered(lambda i: i.res_id == self.gate.id)
        item.action_approve()
        self.assertEqual(self.gate.state, "approved")
        self.assertEqual(self.project.ps_phase, "planning")
        self.assertNotIn(("ps.project.gate", self.gate.id), self._inbox(self.ceo)[1])

    def test_rejecting_a_review_returns_the_gate_to_its_manager(self):
        """Rejecting from the inbox returns the gate to its manager's draft
        (with a to-do to rework it); the project stays put."""
        item = self._inbox(self.ceo)[0].filtered(lambda i: i.res_id == self.gate.id)
        item.action_reject()
        self.gate.invalidate_recordset()
        self.assertEqual(self.gate.state, "draft")
        self.assertEqual(self.gate.validation_status, "rejected")
        self.assertEqual(self.project.ps_phase, "initiation")
        self.assertTrue(self.gate.activity_ids.filtered(lambda a: a.user_id == self.pm))
        self.assertNotIn(("ps.project.gate", self.gate.id), self._inbox(self.ceo)[1])

    def test_finance_confirms_a_collection_from_the_inbox(self):
        """Finance confirms the collection from the inbox: it counts as collected."""
        item = self._inbox(self.finance)[0].filtered(lambda i: i.res_id == self.collection.id)
        item.action_approve()
        self.assertEqual(self.collection.state, "confirmed")
        self.assertEqual(self.collection.confirmed_by_id, self.finance)
        self.assertNotIn(
            ("ps.contract.collection", self.collection.id), self._inbox(self.finance)[1]
        )

    def test_approver_approves_an_expense_report_from_the_inbox(self):
        """The approver approves the expense report from the inbox."""
        self._inbox(self.approver)[0].action_approve()
        self.assertEqual(self.sheet.approval_state, "approve")
        self.assertFalse(self._inbox(self.approver)[0])

    def test_nobody_decides_for_someone_else(self):
        """A user neither sees nor decides the items waiting for another."""
        item = self._inbox(self.ceo)[0].filtered(lambda i: i.res_id == self.gate.id)
        self.assertNotIn(item, self.env["ps.approval.item"].with_user(self.pm).search([]))
        with self.assertRaises(AccessError):
            item.with_user(self.pm).action_approve()
        with self.assertRaises(AccessError):
            self._inbox(self.finance)[0][:1].with_user(self.salesman).action_approve()
        self.assertEqual(self.gate.state, "draft")
        self.assertEqual(self.collection.state, "recorded")

    def test_new_request_shows_at_once(self):
        """A request made in the same transaction is in the reviewer's inbox
        at once (the view is read after the pending reviews are computed)."""
        project = self._project("Inbox at once")
        project.with_user(self.pm).action_ps_request_initiation()
        self.assertIn(("ps.project.gate", project.ps_gate_ids.id), self._inbox(self.ceo)[1])

    def test_cards_say_what_a_phone_approver_needs(self):
        """Each row tells the amount, the customer, the project, who asked and
        how long it has waited, without opening the document."""
        items, _keys = self._inbox(self.finance)
        item = items.filtered(
            lambda i: i.res_model == "ps.contract.collection" and i.res_id == self.collection.id
        )
        self.assertEqual(len(item), 1)
        self.assertAlmostEqual(item.amount, 2500.0)
        self.assertEqual(item.currency_id, self.collection.currency_id)
        self.assertEqual(item.partner_name, self.customer.display_name)
        self.assertEqual(item.project_name, "Inbox contract project")
        self.assertEqual(item.requested_by_id, self.salesman)
        self.assertEqual(item.age_days, 0)
        gate_item = self._inbox(self.ceo)[0].filtered(lambda i: i.res_id == self.gate.id)
        self.assertEqual(gate_item.project_name, "Inbox project")
        self.assertEqual(gate_item.requested_by_id, self.pm)

    def test_cards_name_the_requester_and_what_a_change_request_changes(self):
        """The card names who asked, and for a change request says why, what
        it does to the schedule and the hours, and its impact."""
        gate_item = self._inbox(self.ceo)[0].filtered(lambda i: i.res_id == self.gate.id)
        self.assertEqual(gate_item.requested_by_name, self.pm.name)
        project = self._project("Inbox change")
        task = self.env["project.task"].create(
            {
                "name": "Fieldwork",
                "project_id": project.id,
                "date_deadline": "2026-03-20 17:00:00",
                "allocated_hours": 40.0,
            }
        )
        task.write({"ps_baseline_deadline": "2026-03-20 17:00:00", "ps_baseline_hours": 40.0})
        change = self.env["ps.project.gate"].create(
            {
                "project_id": project.id,
                "gate_type": "change",
                "change_type": "scope",
                "reason": "Two more subsidiaries",
                "impact": "One more consultant",
                "change_line_ids": [
                    Command.create(
                        {
                            "task_id": task.id,
                            "new_date_deadline": "2026-04-03 17:00:00",
                            "new_hours": 64.0,
                        }
                    )
                ],
            }
        )
        self.assertEqual(
            change._ps_approval_summary(),
            "Scope · Two more subsidiaries · Schedule: 1 task(s) moved, by up to +14 day(s) · "
            "Planned hours: 40 h → 64 h (+24 h) · Impact: One more consultant",
        )

    def test_bulk_approval_decides_every_selected_item(self):
        """Finance selects several items and approves them at once: each is
        decided through its own approval."""
        contract = self._signed_contract(self._project("Bulk contract project"))
        second = self._collection(contract, 1500.0, confirm=False)
        items = self._inbox(self.finance)[0].filtered(
            lambda i: i.res_id in (self.collection.id, second.id)
        )
        self.assertEqual(len(items), 2)
        items.with_user(self.finance).action_approve()
        self.assertEqual((self.collection.state, second.state), ("confirmed", "confirmed"))
        self.assertEqual(self.collection.confirmed_by_id, self.finance)

    def test_bulk_approval_with_another_users_item_decides_nothing(self):
        """A batch holding an item of someone else's inbox is refused whole:
        nothing in it is decided."""
        mine = self._inbox(self.finance)[0].filtered(lambda i: i.res_id == self.collection.id)
        theirs = self._inbox(self.ceo)[0].filtered(lambda i: i.res_id == self.gate.id)
        Item = self.env["ps.approval.item"].with_user(self.finance)
        with self.assertRaises(AccessError):
            Item.browse((mine | theirs).ids).action_approve()
        self.assertEqual(self.collection.state, "recorded")
        self.assertEqual(self.gate.state, "draft")
        self.assertIn(("ps.project.gate", self.gate.id), self._inbox(self.ceo)[1])

    def test_bulk_approval_refused_by_one_item_decides_nothing(self):
        """When one item of the batch cannot be approved with the others (its
        rule asks for a comment), the batch is refused naming it: the items
        approved before it in the batch are rolled back with it (a refused
        call's transaction is rolled back, as the web client's is)."""
        self.env["tier.definition"].create(
            {
                "name": "Finance comments its invoice request decisions",
                "model_id": self.env.ref("ps_contract.model_ps_invoice_request").id,
                "review_type": "individual",
                "reviewer_id": self.finance.id,
                "has_comment": True,
            }
        )
        contract = self._signed_contract(self._project("Bulk refusal project"))
        request = (
            self.env["ps.invoice.request"]
            .with_user(self.salesman)
            .create({"contract_id": contract.id, "milestone_id": contract.milestone_ids.id})
        )
        request.action_submit()
        inbox = self._inbox(self.finance)[0]
        collection = inbox.filtered(
            lambda i: i.res_model == "ps.contract.collection" and i.res_id == self.collection.id
        )
        review = inbox.filtered(
            lambda i: i.res_model == "ps.invoice.request" and i.res_id == request.id
        )
        self.assertEqual((len(collection), len(review)), (1, 1))
        with self.assertRaises(UserError) as caught:  # rolls back as the client's call is
            (collection | review).with_user(self.finance).action_approve()
        self.assertRegex(str(caught.exception), "Nothing was approved: .* asks for a comment")
        self.env.invalidate_all()
        self.assertEqual(self.collection.state, "recorded")
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(len(self._inbox(self.finance)[0] & (collection | review)), 2)
