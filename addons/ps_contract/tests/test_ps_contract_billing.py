from datetime import date
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import PsContractCase


@tagged("post_install", "-at_install")
class TestInvoiceRequest(PsContractCase):
    def test_salesperson_cannot_approve_invoice_request(self):
        """Approving is finance's: the salesperson is refused through the button
        and through write, and cannot issue or reject either."""
        contract = self._signed_contract()
        request = self._request(contract)
        request.action_submit()
        as_salesman = request.with_user(self.salesman)
        with self.assertRaises(AccessError):
            as_salesman.action_approve()
        with self.assertRaises(AccessError):
            as_salesman.write({"state": "approved"})
        with self.assertRaises(AccessError):
            as_salesman.action_reject()
        with self.assertRaises(AccessError):
            self.env["ps.invoice.request"].with_user(self.salesman).create(
                {
                    "contract_id": contract.id,
                    "milestone_id": contract.milestone_ids[1].id,
                    "state": "approved",
                }
            )
        self.assertEqual(request.state, "to_approve")
        request.with_user(self.finance).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_by_id, self.finance)

    def test_salesperson_request_with_form(self):
        """The request form proposes the milestone's amount."""
        contract = self._signed_contract()
        with Form(self.env["ps.invoice.request"].with_user(self.salesman)) as form:
            form.contract_id = contract
            form.milestone_id = contract.milestone_ids[1]
        self.assertAlmostEqual(form.record.amount, 5000.0)
        self.assertEqual(form.record.state, "draft")

    def test_invoicing_beyond_contract_total_is_refused(self):
        """Requests never add up to more than the contract value."""
        contract = self._signed_contract()
        with self.assertRaisesRegex(ValidationError, "beyond the contract value"):
            self._request(contract, amount=10000.01)
        self._request(contract, amount=6000)
        with self.assertRaisesRegex(ValidationError, r"by .*1,000\.00"):
            self._request(contract, milestone=contract.milestone_ids[1], amount=5000)
        request = self._request(contract, milestone=contract.milestone_ids[1], amount=4000)
        with self.assertRaisesRegex(ValidationError, "beyond the contract value"):
            request.with_user(self.salesman).write({"amount": 4500})

    def test_draft_contract_cannot_be_invoiced(self):
        """Only signed contracts are invoiced."""
        contract = self._contract()
        with self.assertRaisesRegex(UserError, "not signed"):
            self._request(contract)

    def test_invoice_carries_project_analytic_distribution(self):
        """Finance issues a posted invoice for the request's amount, every line on
        the project's analytic account (created when the project had none), also
        when the project is open to its members only, which finance is not."""
        contract = self._signed_contract()
        contract.with_user(self.salesman).action_create_project()
        project = contract.project_id.sudo()
        self.assertTrue(project)
        project.write({"allow_timesheets": False, "privacy_visibility": "followers"})
        project.account_id = False
        with self.assertRaises(AccessError):
            project.with_user(self.finance).check_access("read")
        request = self._request(contract)
        request.action_submit()
        request.with_user(self.finance).action_approve()
        request.with_user(self.finance).action_issue()
        self.assertEqual(request.state, "issued")
        self.assertTrue(project.account_id, "the project got an analytic account")
        move = request.sudo().move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.move_type, "out_invoice")
        self.assertEqual(move.partner_id, self.customer)
        self.assertAlmostEqual(move.amount_total, 5000.0)
        for line in move.invoice_line_ids:
            self.assertEqual(line.analytic_distribution, {str(project.account_id.id): 100})
        self.assertAlmostEqual(contract.amount_invoiced, 5000.0)
        self.assertAlmostEqual(contract.milestone_ids[0].amount_invoiced, 5000.0)

    def test_invoice_issued_before_the_project_moves_to_it(self):
        """A down payment invoiced at signature, before the project exists, has
        no analytic account; creating the project puts its lines (and the credit
        note of a reversed one) on the project's account."""
        contract = self._signed_contract()
        issued = self._request(contract)
        issued.action_submit()
        issued.with_user(self.finance).action_approve()
        issued.with_user(self.finance).action_issue()
        lines = issued.sudo().move_id.invoice_line_ids
        self.assertEqual(lines.mapped("analytic_distribution"), [False] * len(lines))
        self.assertFalse(lines.analytic_line_ids)
        contract.with_user(self.salesman).action_create_project()
        account = contract.sudo().project_id.account_id
        self.assertEqual(
            lines.mapped("analytic_distribution"), [{str(account.id): 100}] * len(lines)
        )
        self.assertAlmostEqual(sum(lines.analytic_line_ids.mapped("amount")), 5000.0)
        self.assertEqual(lines.analytic_line_ids.account_id, account)

    def test_issued_request_is_locked_and_reversed(self):
        """An issued request is neither edited nor deleted, by anyone; finance
        reverses it with a credit note and a negative request."""
        contract = self._signed_contract()
        request = self._request(contract)
        request.action_submit()
        request.with_user(self.finance).action_approve()
        request.with_user(self.finance).action_issue()
        for user_env in (request.with_user(self.finance), request.sudo()):
            with self.assertRaisesRegex(UserError, "only reversed"):
                user_env.write({"note": "changed"})
            with self.assertRaises(UserError):
                user_env.unlink()
        reversal = request.with_user(self.finance).action_reverse()
        self.assertEqual(request.state, "reversed")
        self.assertAlmostEqual(reversal.amount, -5000.0)
        self.assertEqual(reversal.sudo().move_id.move_type, "out_refund")
        self.assertAlmostEqual(contract.amount_invoiced, 0.0)

    def test_issued_invoice_cannot_be_reset_or_cancelled(self):
        """Finance (and an accounting manager) reset to draft or cancel the
        invoice behind an issued request in Accounting: refused, the invoice
        stays posted and the contract still counts it, until the request is
        reversed."""
        contract = self._signed_contract()
        request = self._request(contract)
        request.action_submit()
        request.with_user(self.finance).action_approve()
        request.with_user(self.finance).action_issue()
        invoice = request.sudo().move_id
        accountant = new_test_user(
            self.env,
            login="ps_ct_accountant",
            groups="base.group_user,account.group_account_manager",
        )
        for user in (self.finance, accountant):
            for method in ("button_draft", "button_cancel"):
                with self.assertRaisesRegex(UserError, "Reverse on the request"):
                    getattr(invoice.with_user(user), method)()
        invoice.invalidate_recordset()
        self.assertEqual((invoice.state, request.state), ("posted", "issued"))
        self.assertAlmostEqual(contract.amount_invoiced, 5000.0)

    def test_invoice_request_tier_validation(self):
        """With an approval chain, finance validates its review when it approves;
        another finance user's pending review blocks approval by others."""
        self.env["tier.definition"].create(
            {
                "model_id": self.env["ir.model"]._get_id("ps.invoice.request"),
                "review_type": "group",
                "reviewer_group_id": self.env.ref("ps_contract.group_ps_finance").id,
                "definition_domain": "[]",
            }
        )
        contract = self._signed_contract()
        request = self._request(contract)
        request.with_user(self.salesman).action_submit()
        self.assertIn(request.validation_status, ("waiting", "pending"))
        self.assertIn(self.finance, request.reviewer_ids)
        request.with_user(self.finance).action_approve()
        self.assertEqual(request.validation_status, "validated")
        self.assertEqual(request.state, "approved")


@tagged("post_install", "-at_install")
class TestCollection(PsContractCase):
    def _issue(self, contract, milestone=None, date_invoice=False):
        """Finance issues the milestone's invoice (a collection pays an invoice)."""
        request = self._request(contract, milestone=milestone, date_invoice=date_invoice)
        request.action_submit()
        request.with_user(self.finance).action_approve()
        request.with_user(self.finance).action_issue()
        return request.sudo().move_id

    def test_salesperson_cannot_confirm_collection(self):
        """Confirming is finance's: the salesperson is refused through the button and write."""
        contract = self._signed_contract()
        collection = self._collection(contract, 5000)
        with self.assertRaises(AccessError):
            collection.with_user(self.salesman).action_confirm()
        with self.assertRaises(AccessError):
            collection.with_user(self.salesman).write({"state": "confirmed"})
        with self.assertRaises(UserError):
            self.env["ps.contract.collection"].with_user(self.salesman).create(
                {"contract_id": contract.id, "amount": 10, "state": "confirmed"}
            )
        self.assertEqual(collection.state, "recorded")
        self.assertAlmostEqual(contract.amount_collected, 0.0)

    def test_no_collection_on_unsigned_contract(self):
        """Money is recorded against signed contracts only."""
        contract = self._contract()
        with self.assertRaisesRegex(UserError, "not signed"):
            self._collection(contract, 100)

    def test_only_confirmed_collections_count(self):
        """Recorded money is not collected until finance confirms it (then its
        payment pays the invoice in Accounting)."""
        contract = self._signed_contract()
        invoice = self._issue(contract)
        collection = self._collection(contract, 5000)
        self.assertAlmostEqual(contract.amount_collected, 0.0)
        collection.with_user(self.finance).action_confirm()
        self.assertEqual(collection.state, "confirmed")
        self.assertEqual(collection.confirmed_by_id, self.finance)
        self.assertAlmostEqual(contract.amount_collected, 5000.0)
        self.assertTrue(contract.milestone_ids[0].is_collected)
        self.assertEqual(invoice.payment_state, "paid")

    def test_confirmed_collection_cannot_be_written_or_unlinked(self):
        """Nobody — salesperson, finance, director, superuser — edits or deletes a
        confirmed collection; it is reversed by a new record, which reopens the
        invoice its payment paid."""
        contract = self._signed_contract()
        invoice = self._issue(contract)
        collection = self._collection(contract, 5000)
        collection.with_user(self.finance).action_confirm()
        for record in (
            collection.with_user(self.salesman),
            collection.with_user(self.finance),
            collection.with_user(self.director),
            collection.sudo(),
        ):
            with self.assertRaises(UserError):
                record.write({"amount": 1})
            with self.assertRaises(UserError):
                record.unlink()
        with self.assertRaisesRegex(UserError, "already confirmed"):
            collection.with_user(self.finance).action_confirm()
        reversal = collection.with_user(self.finance).action_reverse()
        self.assertEqual(reversal.state, "confirmed")
        self.assertAlmostEqual(reversal.amount, -5000.0)
        self.assertTrue(collection.is_reversed)
        self.assertAlmostEqual(contract.amount_collected, 0.0)
        self.assertEqual(invoice.payment_state, "not_paid")
        with self.assertRaisesRegex(UserError, "already reversed"):
            collection.with_user(self.finance).action_reverse()

    def test_recorded_collection_is_editable_and_rejectable(self):
        """Before confirmation the salesperson fixes the record; finance may reject it."""
        contract = self._signed_contract()
        collection = self._collection(contract, 5000)
        collection.with_user(self.salesman).write({"amount": 4000})
        collection.with_user(self.finance).action_reject()
        self.assertEqual(collection.state, "rejected")
        with self.assertRaises(UserError):
            collection.with_user(self.salesman).write({"amount": 1})

    def test_receivables_figures(self):
        """Contracted, invoiced, collected, outstanding and overdue per contract,
        and the aging bucket of the overdue invoice (its due date, not the
        milestone's, ages it)."""
        first_of_month = fields.Date.to_string(date.today().replace(day=1))
        contract = self._signed_contract(milestones=((50, first_of_month), (50, "2099-12-31")))
        self._issue(contract, date_invoice=first_of_month)
        self._collection(contract, 2000).with_user(self.finance).action_confirm()
        self.env.flush_all()
        row = self.env["ps.contract.receivable"].search([("contract_id", "=", contract.id)])
        self.assertAlmostEqual(row.amount_contracted, 10000.0)
        self.assertAlmostEqual(row.amount_invoiced, 5000.0)
        self.assertAlmostEqual(row.amount_collected, 2000.0)
        self.assertAlmostEqual(row.amount_outstanding, 3000.0)
        if date.today().day > 1:
            self.assertAlmostEqual(row.amount_overdue, 3000.0)
            self.assertAlmostEqual(contract.amount_overdue, 3000.0)
            self.assertAlmostEqual(row.aging_0_30, 3000.0)


@tagged("post_install", "-at_install")
class TestTriggersAndDelivery(PsContractCase):
    _issue = TestCollection._issue

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env["ps.wbs.template"].create({"name": "Advisory template"})
        cls.env["ps.wbs.template.node"].create(
            [
                {"template_id": cls.template.id, "name": "Diagnostic", "is_milestone": True},
                {"template_id": cls.template.id, "name": "Recommendations"},
            ]
        )
        cls.project_type = cls.env["ps.project.type"].create(
            {"name": "Advisory", "code": "ADV-T", "wbs_template_id": cls.template.id}
        )
        cls.service.product_tmpl_id.ps_project_type_id = cls.project_type

    def _milestone_contract(self):
        contract = self._contract(milestones=((40, "2026-01-31"),))
        contract.milestone_ids = [
            Command.create({"name": "Diagnostic", "percentage": 60, "trigger": "project_milestone"})
        ]
        contract.action_submit_review()
        self._director_approves(contract)
        contract.action_sign()
        return contract

    def test_contract_creates_project_from_type_and_template(self):
        """A signed contract hands over to a project of its services' type, built
        from the type's WBS template, its payment milestone linked to the project
        milestone of the same name."""
        contract = self._milestone_contract()
        contract.with_user(self.salesman).action_create_project()
        project = contract.project_id
        self.assertEqual(contract.state, "execution")
        self.assertEqual(project.ps_project_type_id, self.project_type)
        self.assertEqual(project.partner_id, self.customer)
        self.assertEqual(project.ps_wbs_template_id, self.template)
        self.assertIn("Diagnostic", project.task_ids.mapped("name"))
        self.assertIn(contract.name, project.description)
        payment = contract.milestone_ids.filtered(lambda m: m.trigger == "project_milestone")
        self.assertEqual(payment.project_milestone_id.project_id, project)
        self.assertEqual(payment.project_milestone_id.name, "Diagnostic")
        self.assertTrue(project.account_id)
        with self.assertRaisesRegex(UserError, "cannot be handed over"):
            contract.with_user(self.salesman).action_create_project()
        # the salesperson hands over and follows the project, but does not
        # become its manager: the PMO names one
        self.assertFalse(project.user_id)
        self.assertIn(self.salesman.partner_id, project.sudo().message_partner_ids)
        self.assertEqual(
            project.with_user(self.salesman).read(["name"])[0]["name"], "Operating model"
        )
        with self.assertRaises(AccessError):
            project.with_user(self.salesman).write({"description": "Taken over"})

    def test_project_milestone_reached_creates_draft_request(self):
        """Reaching the project milestone creates the draft invoice request for
        the payment milestone, with an activity for the salesperson."""
        contract = self._milestone_contract()
        contract.with_user(self.salesman).action_create_project()
        payment = contract.milestone_ids.filtered(lambda m: m.trigger == "project_milestone")
        project_user = self.env["res.users"].create(
            {
                "name": "Consultant",
                "login": "ps_ct_consultant",
                "groups_id": [Command.set(self.env.ref("project.group_project_manager").ids)],
            }
        )
        payment.project_milestone_id.with_user(project_user).write({"is_reached": True})
        request = payment.invoice_request_ids
        self.assertEqual(request.state, "draft")
        self.assertTrue(request.is_automatic)
        self.assertAlmostEqual(request.amount, 6000.0)
        self.assertEqual(request.activity_ids.user_id, self.salesman)
        # Reaching it again does not request twice.
        payment.project_milestone_id.sudo().write({"is_reached": False})
        payment.project_milestone_id.sudo().write({"is_reached": True})
        self.assertEqual(len(payment.invoice_request_ids), 1)
        # Submitting it is the salesperson's to-do done.
        request.with_user(self.salesman).action_submit()
        self.assertEqual(request.state, "to_approve")
        self.assertFalse(request.activity_ids)

    def test_overdue_cron_raises_activities_and_survives_a_bad_record(self):
        """The cron raises one activity per overdue milestone for the salesperson;
        a failing milestone does not stop the others."""
        first = self._signed_contract(milestones=((50, "2020-01-31"), (50, "2020-02-28")))
        second = self._signed_contract(self.colleague, milestones=((100, "2020-03-31"),))
        Contract = type(self.env["ps.contract"])
        original = Contract.activity_schedule
        bad = first.milestone_ids[0]

        def flaky(records, *args, **kwargs):
            if bad.name in (kwargs.get("summary") or "") and records == first:
                raise ValueError("broken mail server")
            return original(records, *args, **kwargs)

        with (
            patch.object(Contract, "activity_schedule", flaky),
            self.assertLogs("odoo.addons.ps_contract.models.ps_contract_milestone", "ERROR"),
        ):
            done = self.env["ps.contract"]._cron_ps_overdue_milestones()
        mine = (first | second).sudo().milestone_ids
        self.assertEqual(len(done & mine), 2)
        self.assertNotIn(bad, done)
        self.assertTrue(first.milestone_ids[1].overdue_notified)
        self.assertFalse(bad.overdue_notified)
        self.assertEqual(second.activity_ids.user_id, self.colleague)
        self.assertEqual(first.activity_ids.user_id, self.salesman)
        self.assertFalse((self.env["ps.contract"]._cron_ps_overdue_milestones() & mine) - bad)

    def test_on_time_collection_rate(self):
        """The customer's on-time rate: collected by the due date over amounts due."""
        today = date.today()
        due = fields.Date.subtract(today, days=10)
        contract = self._signed_contract(
            milestones=((50, due), (50, fields.Date.subtract(today, days=5)))
        )
        self._issue(contract)
        self._issue(contract, contract.milestone_ids[1])
        self._collection(contract, 5000, date=fields.Date.subtract(today, days=12)).with_user(
            self.finance
        ).action_confirm()
        self._collection(contract, 5000, milestone=contract.milestone_ids[1], date=today).with_user(
            self.finance
        ).action_confirm()
        rates = self.env["res.partner"]._ps_on_time_collection_rates(self.customer)
        self.assertAlmostEqual(rates[self.customer], 50.0)


@tagged("post_install", "-at_install")
class TestAmendment(PsContractCase):
    def test_amendment_changes_lines_and_milestones_and_keeps_version(self):
        """An approved amendment changes the value and milestones; the contract's
        version goes up and the previous one is kept."""
        contract = self._signed_contract()
        with Form(
            self.env["ps.contract.amendment"]
            .with_user(self.salesman)
            .with_context(default_contract_id=contract.id)
        ) as form:
            form.reason = "Scope extended to a second business unit"
            for existing in contract.milestone_ids:
                with form.milestone_ids.new() as change:
                    change.milestone_id = existing
                    change.percentage = 0
                    change.amount = 5000
            with form.line_ids.new() as line:
                line.product_id = self.service_2
                line.quantity = 4
                line.price_unit = 500
            with form.milestone_ids.new() as milestone:
                milestone.name = "Extension"
                milestone.amount = 2000
                milestone.date_due = "2026-06-30"
        amendment = form.record
        amendment.with_user(self.salesman).action_submit()
        # no rule applies: a sales director decides, not the salesperson who asked
        with self.assertRaisesRegex(UserError, "waits for its reviewers"):
            amendment.with_user(self.salesman).action_apply()
        self.assertEqual(amendment.state, "to_approve")
        amendment.with_user(self.director).action_apply()
        self.assertEqual(amendment.state, "approved")
        self.assertAlmostEqual(contract.amount_total, 12000.0)
        self.assertEqual(contract.version, 2)
        self.assertAlmostEqual(amendment.amount_before, 10000.0)
        self.assertAlmostEqual(amendment.amount_after, 12000.0)
        self.assertIn("Version 1", amendment.snapshot)
        self.assertEqual(len(contract.milestone_ids), 3)
        self.assertEqual(contract.milestone_ids.mapped("amount"), [5000, 5000, 2000])

    def test_amendment_with_unbalanced_milestones_is_refused(self):
        """The amended milestones must still add up, the message says by how much."""
        contract = self._signed_contract()
        amendment = (
            self.env["ps.contract.amendment"]
            .with_user(self.salesman)
            .create(
                {
                    "contract_id": contract.id,
                    "reason": "More coaching",
                    "line_ids": [
                        Command.create(
                            {"product_id": self.service_2.id, "quantity": 2, "price_unit": 500}
                        )
                    ],
                    "milestone_ids": [
                        Command.create(
                            {
                                "milestone_id": contract.milestone_ids[0].id,
                                "name": "Instalment 1",
                                "amount": 5000,
                                "date_due": "2026-01-31",
                            }
                        )
                    ],
                }
            )
        )
        amendment.action_submit()
        # Percentages follow the new value (11,000): 5,000 + 5,500 = 10,500.
        with self.assertRaisesRegex(UserError, r"500\.00 short"):
            amendment.with_user(self.director).action_apply()

    def test_amendment_through_tier_validation(self):
        """With an approval chain on amendments, the reviewer approves it; the
        requester cannot apply it before."""
        self.env["tier.definition"].create(
            {
                "model_id": self.env["ir.model"]._get_id("ps.contract.amendment"),
                "review_type": "group",
                "reviewer_group_id": self.env.ref("sales_team.group_sale_manager").id,
                "definition_domain": "[]",
            }
        )
        contract = self._signed_contract()
        amendment = (
            self.env["ps.contract.amendment"]
            .with_user(self.salesman)
            .create(
                {
                    "contract_id": contract.id,
                    "reason": "Longer schedule",
                    "milestone_ids": [
                        Command.create(
                            {
                                "milestone_id": contract.milestone_ids[1].id,
                                "name": "Instalment 2",
                                "percentage": 50,
                                "date_due": "2026-06-30",
                            }
                        )
                    ],
                }
            )
        )
        amendment.action_submit()
        self.assertIn(amendment.validation_status, ("waiting", "pending"))
        with self.assertRaisesRegex(UserError, "waits for its reviewers"):
            amendment.with_user(self.salesman).action_apply()
        amendment.with_user(self.director).action_apply()
        self.assertEqual(amendment.state, "approved")
        self.assertEqual(str(contract.milestone_ids[1].date_due), "2026-06-30")
        self.assertEqual(contract.version, 2)
