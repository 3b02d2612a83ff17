from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.ps_base.internal import CONTEXT_KEY

from .common import PsContractCase


class PsMoneyCase(PsContractCase):
    """A signed 30,000 contract in three milestones (9,000 / 12,000 / 9,000),
    delivered by a project of its own type (so the cockpit can be filtered on
    it), and helpers that check the suite against Accounting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["ps.contract"])
        cls.project_type = cls.env["ps.project.type"].create(
            {"name": "Money truth", "code": "MONEY-T"}
        )
        cls.service.product_tmpl_id.ps_project_type_id = cls.project_type
        cls.ceo = (
            new_test_user(
                cls.env,
                login="ps_ct_money_ceo",
                groups="base.group_user,ps_dashboard.group_ps_executive",
            )
            if "ps.cockpit" in cls.env
            else None
        )

    def _money_contract(self):
        contract = self._signed_contract(
            quantity=30,
            milestones=(
                (30, self.today - timedelta(days=40)),
                (40, self.today - timedelta(days=5)),
                (30, self.today + timedelta(days=30)),
            ),
        )
        contract.with_user(self.salesman).action_create_project()
        return contract

    def _issue(self, contract, milestone, days_ago=0, **vals):
        """The salesperson requests the milestone's invoice, finance approves
        and issues it, dated ``days_ago`` (due that day: no payment terms)."""
        request = self._request(
            contract,
            milestone=milestone,
            date_invoice=self.today - timedelta(days=days_ago),
            **vals,
        )
        request.with_user(self.salesman).action_submit()
        request.with_user(self.finance).action_approve()
        request.with_user(self.finance).action_issue()
        return request.sudo().move_id

    def _payments(self):
        return self.env["account.payment"].search_count(
            [("partner_id", "=", self.customer.id), ("state", "!=", "canceled")]
        )

    def _receivable_lines(self):
        return self.env["account.move.line"].search(
            [
                ("partner_id", "=", self.customer.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )

    def assertMoney(
        self,
        contract,
        invoices=(),
        states=(),
        invoiced=0.0,
        collected=0.0,
        outstanding=0.0,
        credit=0.0,
        overdue=0.0,
    ):
        """Accounting, the contract, the receivables report and the cockpit
        say the same, to the cent."""
        self.env.flush_all()
        self.env.invalidate_all()
        for invoice, state in zip(invoices, states, strict=True):
            self.assertEqual(invoice.payment_state, state, invoice.name)
        # the partner's receivable items in Accounting
        lines = self._receivable_lines()
        self.assertAlmostEqual(sum(lines.mapped("amount_residual")), outstanding - credit, places=2)
        self.assertAlmostEqual(
            sum(r for r in lines.mapped("amount_residual") if r > 0), outstanding, places=2
        )
        self.assertAlmostEqual(
            sum(
                line.amount_residual
                for line in lines
                if line.amount_residual > 0 and line.date_maturity < self.today
            ),
            overdue,
            places=2,
        )
        # the contract
        figures = (
            contract.amount_invoiced,
            contract.amount_collected,
            contract.amount_outstanding,
            contract.amount_credit,
            contract.amount_overdue,
        )
        expected = (invoiced, collected, outstanding, credit, overdue)
        for got, want in zip(figures, expected, strict=True):
            self.assertAlmostEqual(got, want, places=2, msg=(figures, expected))
        self.assertAlmostEqual(contract.amount_to_invoice, contract.amount_total - invoiced)
        self.assertAlmostEqual(invoiced - collected, outstanding - credit, places=2)
        # the receivables report
        row = self.env["ps.contract.receivable"].search([("contract_id", "=", contract.id)])
        self.assertEqual(len(row), 1)
        self.assertAlmostEqual(row.amount_invoiced, invoiced, places=2)
        self.assertAlmostEqual(row.amount_collected, collected, places=2)
        self.assertAlmostEqual(row.amount_outstanding, outstanding, places=2)
        self.assertAlmostEqual(row.amount_credit, credit, places=2)
        self.assertAlmostEqual(row.amount_overdue, overdue, places=2)
        self.assertAlmostEqual(
            row.aging_0_30 + row.aging_31_60 + row.aging_61_90 + row.aging_90_plus,
            overdue,
            places=2,
        )
        self.assertLessEqual(row.amount_overdue, row.amount_outstanding)
        # the project's P&L (revenue: the invoices' analytic lines, no tax here)
        if "ps.project.pnl" in self.env and contract.project_id:
            pnl = self.env["ps.project.pnl"].search([("project_id", "=", contract.project_id.id)])
            if contract.state != "terminated":  # the P&L counts live contracts
                self.assertAlmostEqual(pnl.invoiced, invoiced, places=2)
                self.assertAlmostEqual(pnl.collected, collected, places=2)
            self.assertAlmostEqual(pnl.revenue_actual, invoiced, places=2)
        # the cockpit's money cards, filtered on the contract's project type
        if self.ceo:
            data = (
                self.env["ps.cockpit"]
                .with_user(self.ceo)
                .get_cockpit_data({"project_type_id": self.project_type.id})
            )
            cards = {card["key"]: card["value"] for card in data["cards"]}
            for key, want in (
                ("invoiced", invoiced),
                ("collected", collected),
                ("outstanding", outstanding),
                ("overdue", overdue),
            ):
                self.assertAlmostEqual(cards[key], want, places=2, msg=key)
            self.assertLessEqual(cards["overdue"], cards["outstanding"])
        return row


@tagged("post_install", "-at_install")
class TestMoneyTruth(PsMoneyCase):
    def test_contract_three_invoices_and_collections_agree_with_accounting(self):
        """Contract → an advance before any invoice → three invoices (the first
        consumes the advance) → a partial collection → a collection reversed →
        a payment registered in Accounting: after every step the invoices'
        payment states, the partner's receivable items, the contract, the
        receivables report and the cockpit agree to the cent."""
        contract = self._money_contract()
        first, second, third = contract.milestone_ids
        self.assertMoney(contract)

        # 1. The customer pays 5,000 before any invoice: an advance, finance's choice.
        advance = self._collection(contract, 5000, milestone=first, date=self.today)
        with self.assertRaisesRegex(UserError, r"more than the open invoices.*0\.00"):
            advance.with_user(self.finance).action_confirm()
        self.assertEqual((advance.state, self._payments()), ("recorded", 0))
        advance.with_user(self.finance).write({"is_advance": True})
        advance.with_user(self.finance).action_confirm()
        payment = advance.sudo().payment_id
        self.assertEqual(payment.state, "in_process")
        self.assertEqual(payment.journal_id.type, "bank")
        self.assertAlmostEqual(advance.amount_unapplied, 5000.0)
        self.assertMoney(contract, collected=5000, credit=5000)

        # 2. The first invoice (9,000, 40 days ago) consumes the advance.
        inv1 = self._issue(contract, first, days_ago=40)
        self.assertAlmostEqual(inv1.amount_total, 9000.0)
        self.assertAlmostEqual(advance.amount_unapplied, 0.0)
        self.assertMoney(
            contract,
            [inv1],
            ["partial"],
            invoiced=9000,
            collected=5000,
            outstanding=4000,
            overdue=4000,
        )
        row = self.env["ps.contract.receivable"].search([("contract_id", "=", contract.id)])
        self.assertAlmostEqual(row.aging_31_60, 4000.0)

        # 3. The second (12,000, 5 days ago) and third (9,000, today) invoices.
        inv2 = self._issue(contract, second, days_ago=5)
        inv3 = self._issue(contract, third)
        invoices = [inv1, inv2, inv3]
        self.assertMoney(
            contract,
            invoices,
            ["partial", "not_paid", "not_paid"],
            invoiced=30000,
            collected=5000,
            outstanding=25000,
            overdue=16000,
        )

        # 4. A partial collection of 10,000 for the second milestone pays its
        #    invoice first (not the oldest).
        partial = self._collection(contract, 10000, milestone=second, date=self.today)
        partial.with_user(self.finance).action_confirm()
        self.assertEqual(partial.sudo().payment_id.reconciled_invoice_ids, inv2)
        self.assertMoney(
            contract,
            invoices,
            ["partial", "partial", "not_paid"],
            invoiced=30000,
            collected=15000,
            outstanding=15000,
            overdue=6000,
        )
        self.assertAlmostEqual(second.amount_collected, 10000.0)

        # 5. 4,000 without a milestone pays the oldest open invoice, the first.
        wrong = self._collection(contract, 4000, date=self.today)
        wrong.with_user(self.salesman).write({"milestone_id": False})
        wrong.with_user(self.finance).action_confirm()
        self.assertMoney(
            contract,
            invoices,
            ["paid", "partial", "not_paid"],
            invoiced=30000,
            collected=19000,
            outstanding=11000,
            overdue=2000,
        )
        self.assertTrue(first.is_collected)

        # 6. It was a mistake: finance reverses it; the payment is unreconciled
        #    and cancelled, the first invoice is open again.
        wrong_payment = wrong.sudo().payment_id
        reversal = wrong.with_user(self.finance).action_reverse()
        self.assertAlmostEqual(reversal.amount, -4000.0)
        self.assertEqual(wrong_payment.state, "canceled")
        self.assertFalse(wrong_payment.reconciled_invoice_ids)
        self.assertMoney(
            contract,
            invoices,
            ["partial", "partial", "not_paid"],
            invoiced=30000,
            collected=15000,
            outstanding=15000,
            overdue=6000,
        )

        # 7. Accounting registers the customer's payment of the third invoice
        #    itself: it shows on the contract as a confirmed collection.
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.finance)
            .with_context(active_model="account.move", active_ids=inv3.ids)
            .create({"payment_date": self.today})
        )
        wizard._create_payments()
        from_accounting = contract.collection_ids.filtered("from_accounting")
        self.assertEqual(len(from_accounting), 1)
        self.assertEqual(from_accounting.state, "confirmed")
        self.assertAlmostEqual(from_accounting.amount, 9000.0)
        self.assertEqual(from_accounting.milestone_id, third)
        self.assertMoney(
            contract,
            invoices,
            ["partial", "partial", "paid"],
            invoiced=30000,
            collected=24000,
            outstanding=6000,
            overdue=6000,
        )
        confirmed = contract.collection_ids.filtered(lambda c: c.state == "confirmed")
        self.assertAlmostEqual(sum(confirmed.mapped("amount")), 24000.0)

        # 8. Accounting cancels that payment (which unreconciles it):
        #    the collection is reversed.
        accounting_payment = from_accounting.sudo().payment_id.with_user(self.finance)
        accounting_payment.action_cancel()
        self.assertTrue(from_accounting.is_reversed)
        self.assertAlmostEqual(from_accounting.reversal_ids.amount, -9000.0)
        self.assertMoney(
            contract,
            invoices,
            ["partial", "partial", "not_paid"],
            invoiced=30000,
            collected=15000,
            outstanding=15000,
            overdue=6000,
        )

    def test_credit_note_gives_room_back_and_settles_the_invoice(self):
        """A reversed invoice request's credit note settles its invoice (not
        overdue any more) and gives its amount back to invoice."""
        contract = self._money_contract()
        first = contract.milestone_ids[0]
        request = self._request(
            contract, milestone=first, date_invoice=self.today - timedelta(days=40)
        )
        request.with_user(self.salesman).action_submit()
        request.with_user(self.finance).action_approve()
        request.with_user(self.finance).action_issue()
        invoice = request.sudo().move_id
        with self.assertRaisesRegex(ValidationError, "beyond the contract value"):
            self._request(contract, milestone=contract.milestone_ids[1], amount=21000.01)
        request.with_user(self.finance).action_reverse()
        self.assertMoney(contract, [invoice], ["reversed"])
        again = self._request(contract, milestone=first, amount=30000)
        self.assertEqual(again.state, "draft")


@tagged("post_install", "-at_install")
class TestMoneyBounds(PsMoneyCase):
    def _unchanged(self, contract, collections):
        return (
            self._payments(),
            sorted(contract.collection_ids.ids),
            [c.state for c in collections],
            contract.amount_collected,
            contract.amount_outstanding,
        )

    def test_salesperson_cannot_record_more_than_the_contract_can_be_paid(self):
        """The salesperson records 345,000 on a 30,000 contract: refused with the
        figures, nothing recorded; the same for raising a recorded amount."""
        contract = self._money_contract()
        self._issue(contract, contract.milestone_ids[0])
        before = self._unchanged(contract, contract.collection_ids)
        with self.assertRaisesRegex(
            ValidationError, r"345,000\.00.*9,000\.00 on its open invoices.*21,000\.00"
        ):
            self._collection(contract, 345000, date=self.today)
        self.assertEqual(self._unchanged(contract, contract.collection_ids), before)
        collection = self._collection(contract, 9000, date=self.today)
        with self.assertRaisesRegex(ValidationError, r"30,000\.00 at most"):
            collection.with_user(self.salesman).write({"amount": 30000.01})
        self.assertAlmostEqual(collection.amount, 9000.0)

    def test_finance_cannot_confirm_beyond_open_invoices(self):
        """Without Advance, finance cannot confirm more than the open invoices:
        refused, no payment, figures unchanged."""
        contract = self._money_contract()
        invoice = self._issue(contract, contract.milestone_ids[0])
        collection = self._collection(contract, 9000.01, date=self.today)
        before = self._unchanged(contract, collection)
        with self.assertRaisesRegex(UserError, r"9,000\.01.*open invoices.*9,000\.00"):
            collection.with_user(self.finance).action_confirm()
        self.assertEqual(self._unchanged(contract, collection), before)
        self.assertEqual(invoice.payment_state, "not_paid")

    def test_finance_cannot_confirm_an_advance_beyond_the_contract(self):
        """With Advance, finance still cannot confirm more than the open invoices
        plus what is left to invoice (8,000 still open on the first invoice after
        a first payment of 1,000, plus the 21,000 not invoiced yet)."""
        contract = self._money_contract()
        self._issue(contract, contract.milestone_ids[0])
        earlier = self._collection(contract, 1000, date=self.today)
        earlier.with_user(self.finance).write({"is_advance": True})
        earlier.with_user(self.finance).action_confirm()
        self.assertAlmostEqual(contract.amount_outstanding, 8000.0)
        # recorded when the contract could still be paid 29,000
        collection = self._collection(contract, 29000, date=self.today)
        collection.with_user(self.finance).write({"is_advance": True})
        # meanwhile the customer paid another 0.01 on the invoice
        cent = self._collection(contract, 0.01, date=self.today)
        cent.with_user(self.finance).action_confirm()
        before = self._unchanged(contract, collection)
        with self.assertRaisesRegex(
            ValidationError,
            r"29,000\.00.*7,999\.99 on its open invoices.*21,000\.00 left to invoice"
            r".*28,999\.99 at most",
        ):
            collection.with_user(self.finance).action_confirm()
        self.assertEqual(self._unchanged(contract, collection), before)
        collection.with_user(self.salesman).write({"amount": 28999.99})
        collection.with_user(self.finance).action_confirm()
        self.assertAlmostEqual(contract.amount_collected, 30000.0)
        self.assertAlmostEqual(contract.amount_outstanding, 0.0)
        self.assertAlmostEqual(contract.amount_credit, 21000.0)

    def test_only_finance_ticks_advance(self):
        """The salesperson cannot mark a collection as an advance, nor pick its
        payment or journal, when recording or afterwards."""
        contract = self._money_contract()
        collection = self._collection(contract, 1000, date=self.today)
        for vals in ({"is_advance": True}, {"journal_id": 1}):
            with self.assertRaises(AccessError):
                collection.with_user(self.salesman).write(vals)
        with self.assertRaises(AccessError):
            self.env["ps.contract.collection"].with_user(self.salesman).create(
                {"contract_id": contract.id, "amount": 10, "is_advance": True}
            )
        self.assertFalse(collection.is_advance)

    def test_non_finance_cannot_confirm_or_reverse_even_with_forged_context(self):
        """The salesperson and the sales director cannot confirm or reverse a
        collection, whatever context they send: no payment is created or
        cancelled."""
        contract = self._money_contract()
        self._issue(contract, contract.milestone_ids[0])
        recorded = self._collection(contract, 4000, date=self.today)
        confirmed = self._collection(contract, 5000, date=self.today)
        confirmed.with_user(self.finance).action_confirm()
        payments = self._payments()
        forged = {CONTEXT_KEY: True, "ps_contract_internal": True, "ps_internal": "1"}
        for user in (self.salesman, self.director):
            for method, record in (
                ("action_confirm", recorded),
                ("action_reverse", confirmed),
                ("action_reject", recorded),
            ):
                with self.assertRaises(AccessError, msg=(user.login, method)):
                    getattr(record.with_user(user).with_context(**forged), method)()
            with self.assertRaises(UserError):  # AccessError included
                recorded.with_user(user).with_context(**forged).write({"state": "confirmed"})
        self.assertEqual((recorded.state, confirmed.state), ("recorded", "confirmed"))
        self.assertFalse(confirmed.is_reversed)
        self.assertEqual(self._payments(), payments)
        self.assertAlmostEqual(contract.amount_collected, 5000.0)

    def test_open_requests_count_in_what_is_left_to_invoice(self):
        """A request approved but not invoiced yet counts: the salesperson's next
        request may only ask for what is left."""
        contract = self._money_contract()
        first, second, third = contract.milestone_ids
        self._issue(contract, first)
        approved = self._request(contract, milestone=second)
        approved.with_user(self.salesman).action_submit()
        approved.with_user(self.finance).action_approve()
        with self.assertRaisesRegex(
            ValidationError,
            r"9,000\.01.*by .{0,3}0\.01.*30,000\.00.*9,000\.00 is invoiced.*12,000\.00 is requested"
            r".*9,000\.00 is left",
        ):
            self._request(contract, milestone=third, amount=9000.01)
        self.assertEqual(len(contract.invoice_request_ids), 2)


@tagged("post_install", "-at_install")
class TestMoneyFromAccounting(PsMoneyCase):
    def test_terminated_contract_keeps_only_real_open_invoices(self):
        """A terminated contract's overdue milestones that were never invoiced
        are not receivables; its open invoice still is. Milestones due and not
        invoiced are billable, not invoiced, while the contract runs."""
        contract = self._money_contract()
        self.env.flush_all()
        row = self.env["ps.contract.receivable"].search([("contract_id", "=", contract.id)])
        self.assertAlmostEqual(row.amount_overdue, 0.0)
        self.assertAlmostEqual(row.amount_billable, 21000.0)
        self._issue(contract, contract.milestone_ids[0], days_ago=40)
        contract.sudo()._ps_terminate("The customer stopped the project.")
        self.assertEqual(contract.state, "terminated")
        row = self.assertMoney(contract, invoiced=9000, outstanding=9000, overdue=9000)
        self.assertAlmostEqual(row.amount_billable, 0.0)

    def test_generated_contracts_pay_advances(self):
        """The benchmark generator's confirmed collections are advances on
        payments in Accounting."""
        contracts = self.env["ps.contract"]._ps_generate(count=6, seed=3)
        confirmed = contracts.collection_ids.filtered(lambda c: c.state == "confirmed")
        for collection in confirmed:
            self.assertTrue(collection.sudo().payment_id)
            self.assertAlmostEqual(collection.contract_id.amount_credit, collection.amount)

    def test_finance_matches_a_payment_registered_from_the_bank(self):
        """Finance picks the customer payment already registered (not reconciled)
        on the collection: confirming reconciles it with the invoice and creates
        no other payment; a payment of another amount is refused."""
        contract = self._money_contract()
        invoice = self._issue(contract, contract.milestone_ids[0])
        Payment = self.env["account.payment"].with_user(self.finance)
        bank = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=1
        )
        payments = Payment.create(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": self.customer.id,
                    "amount": amount,
                    "journal_id": bank.id,
                    "date": self.today,
                }
                for amount in (9000, 8000)
            ]
        )
        payments.action_post()
        right, wrong = payments
        collection = self._collection(contract, 9000, date=self.today)
        collection.with_user(self.finance).write({"payment_id": wrong.id})
        with self.assertRaisesRegex(UserError, "cannot be this collection's"):
            collection.with_user(self.finance).action_confirm()
        self.assertEqual(collection.state, "recorded")
        wrong.action_cancel()  # a mistake of the bank import
        collection.with_user(self.finance).write({"payment_id": right.id})
        collection.with_user(self.finance).action_confirm()
        self.assertEqual(self._payments(), 1)
        self.assertEqual(right.reconciled_invoice_ids, invoice)
        self.assertEqual(len(contract.collection_ids), 1, "no second collection from Accounting")
        self.assertMoney(
            contract,
            [invoice],
            ["paid"],
            invoiced=9000,
            collected=9000,
        )


@tagged("post_install", "-at_install")
class TestMoneyMessages(PsMoneyCase):
    def test_refusal_figures_in_the_users_language(self):
        """The refusal states the figures as the user's language writes them."""
        self.env["res.lang"]._activate_lang("de_DE")
        contract = self._money_contract()
        with self.assertRaisesRegex(ValidationError, r"345\.000,00.*30\.000,00"):
            self.env["ps.contract.collection"].with_user(self.salesman).with_context(
                lang="de_DE"
            ).create({"contract_id": contract.id, "amount": 345000, "date": self.today})
