from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.ps_base.internal import internal

from .common import PsContractCase


@tagged("post_install", "-at_install")
class TestPsContract(PsContractCase):
    def test_salesperson_creates_contract_with_reference(self):
        """A salesperson's new contract gets a CT/ reference, them as owner, and
        its value from the service lines."""
        with Form(self.env["ps.contract"].with_user(self.salesman)) as form:
            form.title = "Market entry study"
            form.partner_id = self.customer
            with form.line_ids.new() as line:
                line.product_id = self.service
                line.quantity = 3
                line.discount = 10
        contract = form.record
        self.assertTrue(contract.name.startswith("CT/"))
        self.assertEqual(contract.user_id, self.salesman)
        self.assertEqual(contract.state, "draft")
        self.assertAlmostEqual(contract.amount_total, 2700.0)

    def test_taxes_make_the_contract_total(self):
        """Untaxed, tax and total amounts come from the lines' taxes."""
        tax = self.env["account.tax"].create(
            {"name": "VAT 6%", "amount": 6, "type_tax_use": "sale", "amount_type": "percent"}
        )
        contract = self._contract(quantity=2)
        contract.line_ids.tax_ids = tax
        self.assertAlmostEqual(contract.amount_untaxed, 2000.0)
        self.assertAlmostEqual(contract.amount_tax, 120.0)
        self.assertAlmostEqual(contract.amount_total, 2120.0)
        self.assertAlmostEqual(sum(contract.milestone_ids.mapped("amount")), 2120.0)

    def test_milestones_short_block_signing_with_the_difference(self):
        """Milestones adding up to less than the value block the review and say by
        how much they are short."""
        contract = self._contract(milestones=((30, "2026-01-31"), (50, "2026-02-28")))
        with self.assertRaisesRegex(UserError, r"2,000\.00 short") as caught:
            contract.action_submit_review()
        self.assertIn("80.00%", str(caught.exception))
        self.assertEqual(contract.state, "draft")

    def test_milestones_over_block_signing_with_the_difference(self):
        """Milestones above the value block signing too, with the excess."""
        contract = self._contract(quantity=10)
        contract.action_submit_review()
        # The value drops during the review (e.g. a line was wrongly entered):
        # still in review, so the lines may change.
        contract.line_ids.quantity = 8
        contract.milestone_ids[0].write({"percentage": 0, "amount": 5000})
        with self.assertRaisesRegex(UserError, r"1,000\.00 more than"):
            contract.action_sign()
        self.assertEqual(contract.state, "review")

    def test_percentages_share_an_odd_value_to_the_cent(self):
        """30/40/30 % of 29,018.25 add up to the contract value (each rounded
        alone they would make one cent more and the contract could not be signed)."""
        contract = self._contract(
            milestones=((30, "2026-01-31"), (40, "2026-02-28"), (30, "2026-03-31"))
        )
        contract.line_ids.write({"quantity": 1, "price_unit": 29018.25, "tax_ids": [(5,)]})
        self.assertAlmostEqual(contract.amount_total, 29018.25)
        self.assertEqual(contract.milestone_ids.mapped("amount"), [8705.48, 11607.30, 8705.47])
        contract.action_submit_review()
        self._director_approves(contract)
        contract.action_sign()
        self.assertEqual(contract.state, "signed")

    def test_fixed_amount_milestones_add_up(self):
        """Fixed-amount and percentage milestones may be mixed."""
        contract = self._contract(milestones=((60, "2026-01-31"),))
        contract.milestone_ids = [
            Command.create({"name": "Balance", "amount": 4000, "date_due": "2026-05-31"})
        ]
        self.assertEqual(contract.milestone_difference, 0)
        contract.action_submit_review()
        self._director_approves(contract)
        contract.action_sign()
        self.assertEqual(contract.state, "signed")
        self.assertTrue(contract.date_signed)

    def test_date_milestone_needs_a_due_date(self):
        """A milestone falling due on a date must have one."""
        contract = self._contract()
        with self.assertRaisesRegex(ValidationError, "set its due date"):
            contract.milestone_ids[0].date_due = False

    def test_signed_contract_changes_only_through_amendment(self):
        """Lines, milestones and terms of a signed contract are locked."""
        contract = self._signed_contract()
        with self.assertRaisesRegex(UserError, "amendment"):
            contract.with_user(self.salesman).write({"title": "Other"})
        with self.assertRaisesRegex(UserError, "amendment"):
            contract.line_ids.with_user(self.salesman).write({"quantity": 20})
        with self.assertRaisesRegex(UserError, "amendment"):
            contract.milestone_ids[0].with_user(self.salesman).write({"percentage": 20})
        with self.assertRaises(UserError):
            contract.with_user(self.salesman).unlink()

    def test_state_cannot_be_written(self):
        """Signing goes through the button: writing the state is refused."""
        contract = self._contract()
        with self.assertRaisesRegex(UserError, "buttons"):
            contract.with_user(self.salesman).write({"state": "signed"})

    def test_contract_review_through_tier_validation(self):
        """With an approval chain, signing waits for the reviewer."""
        self.env["tier.definition"].create(
            {
                "model_id": self.env["ir.model"]._get_id("ps.contract"),
                "review_type": "group",
                "reviewer_group_id": self.env.ref("sales_team.group_sale_manager").id,
                "definition_domain": "[]",
            }
        )
        contract = self._contract()
        contract.action_submit_review()
        self.assertIn(contract.validation_status, ("waiting", "pending"))
        with self.assertRaisesRegex(UserError, "under review"):
            contract.with_user(self.salesman).action_sign()
        # the director hands the contract to another salesperson during the review...
        contract.with_user(self.director).write({"user_id": self.colleague.id})
        with self.assertRaises(ValidationError):  # ...but its terms wait for the review
            contract.with_user(self.director).write({"title": "Changed under review"})
        contract.with_user(self.director).validate_tier()
        contract.with_user(self.colleague).action_sign()
        self.assertEqual(contract.state, "signed")
        contract.with_user(self.director).write({"user_id": self.salesman.id})
        self.assertEqual(contract.user_id, self.salesman)

    def test_zero_amount_milestone_blocks_submission(self):
        """A payment milestone of nothing is refused when the contract goes to
        review, naming the milestone."""
        contract = self._contract(milestones=((100, "2026-01-31"), (0, "2026-03-31")))
        with self.assertRaisesRegex(UserError, "Instalment 2 .* has no amount"):
            contract.action_submit_review()
        self.assertEqual(contract.state, "draft")

    def test_employee_cannot_decide_or_see_a_contract_review(self):
        """A consultant who cannot read the contract rejects, approves, deletes
        or reads its review by id: refused, the review still pending."""
        self.env["tier.definition"].create(
            {
                "model_id": self.env["ir.model"]._get_id("ps.contract"),
                "review_type": "group",
                "reviewer_group_id": self.env.ref("sales_team.group_sale_manager").id,
                "definition_domain": "[]",
            }
        )
        consultant = new_test_user(
            self.env, login="ps_ct_consultant", groups="base.group_user,project.group_project_user"
        )
        contract = self._contract()
        contract.action_submit_review()
        review = contract.review_ids
        as_consultant = review.with_user(consultant)
        for attack in (
            lambda: as_consultant.write({"status": "rejected"}),
            lambda: as_consultant.write({"status": "approved", "done_by": consultant.id}),
            lambda: as_consultant.unlink(),
            lambda: as_consultant.read(["status", "model", "res_id"]),
            lambda: contract.with_user(consultant).reject_tier(),
        ):
            with self.assertRaises(AccessError):
                attack()
        self.assertFalse(self.env["tier.review"].with_user(consultant).search([]) & review)
        review.invalidate_recordset()
        self.assertEqual((review.status, contract.state), ("pending", "review"))

    def test_collection_reference_is_the_systems(self):
        """A salesperson sends the reference of another collection with a new
        one, then renames hers to it: the sequence's reference is kept, the
        rename refused; references stay unique."""
        contract = self._signed_contract()
        first = self._collection(contract, 1000.0)
        second = (
            self.env["ps.contract.collection"]
            .with_user(self.salesman)
            .create(
                {
                    "contract_id": contract.id,
                    "milestone_id": contract.milestone_ids[0].id,
                    "amount": 500.0,
                    "date": "2026-01-21",
                    "name": first.name,
                }
            )
        )
        self.assertNotEqual(second.name, first.name)
        reference = second.name
        with self.assertRaisesRegex(UserError, "given by the system"):
            second.with_user(self.salesman).write({"name": first.name})
        second.invalidate_recordset()
        self.assertEqual(second.name, reference)

    def test_terminate_needs_a_reason(self):
        """A contract is terminated with a reason, through the wizard."""
        contract = self._signed_contract()
        wizard = self.env["ps.contract.terminate.wizard"].with_user(self.salesman)
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.create({"contract_id": contract.id, "reason": " "}).action_terminate()
        wizard.create({"contract_id": contract.id, "reason": "Customer merged"}).action_terminate()
        self.assertEqual(contract.state, "terminated")
        self.assertEqual(contract.termination_reason, "Customer merged")

    def test_end_before_start_is_refused(self):
        """A contract cannot end before it starts."""
        with self.assertRaises(ValidationError):
            self._contract().write({"date_start": "2026-05-01", "date_end": "2026-04-01"})

    def test_won_opportunity_creates_contract(self):
        """One click turns a won opportunity into a draft contract with its services."""
        lead = self.env["crm.lead"].create(
            {
                "name": "Operating model redesign",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "user_id": self.salesman.id,
                "ps_service_line_ids": [
                    Command.create({"product_id": self.service.id, "quantity": 4})
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "not won"):
            lead.with_user(self.salesman).action_ps_create_contract()
        internal(lead).action_set_won()
        action = lead.with_user(self.salesman).action_ps_create_contract()
        contract = self.env["ps.contract"].browse(action["res_id"])
        self.assertEqual(contract.opportunity_id, lead)
        self.assertEqual(contract.partner_id, self.customer)
        self.assertEqual(contract.user_id, self.salesman)
        self.assertEqual(contract.line_ids.product_id, self.service)
        self.assertAlmostEqual(contract.amount_total, 4000.0)
        self.assertEqual(lead.ps_contract_count, 1)

    def test_contract_pdf_renders(self):
        """The contract prints with its services and payment schedule."""
        contract = self._signed_contract()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("ps_contract.ps_contract_report_document", contract.ids)[0]
            .decode()
        )
        self.assertIn(contract.name, html)
        self.assertIn("Instalment 2", html)

    def test_finance_group_is_implied_by_accounting_admin(self):
        """Accounting administrators are finance controllers too."""
        admin_group = self.env.ref("account.group_account_manager")
        self.assertIn(self.env.ref("ps_contract.group_ps_finance"), admin_group.implied_ids)


@tagged("post_install", "-at_install")
class TestPsContractAccess(PsContractCase):
    def test_salesperson_cannot_see_colleague_contract(self):
        """Salespeople see their own contracts, not their colleagues'; the director sees all."""
        own = self._contract(self.salesman)
        theirs = self._contract(self.colleague)
        visible = self.env["ps.contract"].with_user(self.salesman).search([])
        self.assertIn(own, visible)
        self.assertNotIn(theirs, visible)
        with self.assertRaises(AccessError):
            theirs.with_user(self.salesman).read(["title"])
        director_sees = self.env["ps.contract"].with_user(self.director).search([])
        self.assertLessEqual(own | theirs, director_sees)

    def test_salesperson_cannot_see_colleague_money(self):
        """Milestones, invoice requests, collections and receivables of a
        colleague's contract are invisible to a salesperson."""
        theirs = self._signed_contract(self.colleague)
        request = self._request(theirs, user=self.colleague)
        collection = self._collection(theirs, 100, user=self.colleague)
        for model, record in (
            ("ps.contract.milestone", theirs.milestone_ids[0]),
            ("ps.contract.line", theirs.line_ids[0]),
            ("ps.invoice.request", request),
            ("ps.contract.collection", collection),
        ):
            as_salesman = self.env[model].with_user(self.salesman)
            self.assertFalse(as_salesman.search([("id", "=", record.id)]), model)
            with self.assertRaises(AccessError, msg=model):
                record.with_user(self.salesman).read(["display_name"])
        self.env.flush_all()
        receivables = self.env["ps.contract.receivable"].with_user(self.salesman)
        self.assertFalse(receivables.search([("contract_id", "=", theirs.id)]))
        self.assertTrue(
            self.env["ps.contract.receivable"]
            .with_user(self.finance)
            .search([("contract_id", "=", theirs.id)])
        )

    def test_finance_reads_but_cannot_edit_contracts(self):
        """Finance reads every contract but does not change them."""
        contract = self._contract(self.salesman)
        self.assertEqual(contract.with_user(self.finance).title, "Operating model")
        with self.assertRaises(AccessError):
            contract.with_user(self.finance).write({"title": "Other"})
        with self.assertRaises(AccessError):
            self._contract(self.finance)

    def test_pmo_reads_contracts_only(self):
        """The PMO reads contracts and their money but changes nothing."""
        contract = self._signed_contract()
        request = self._request(contract)
        self.assertTrue(request.with_user(self.pmo).read(["amount"]))
        with self.assertRaises(AccessError):
            request.with_user(self.pmo).write({"note": "x"})
        with self.assertRaises(AccessError):
            self._collection(contract, 10, user=self.pmo)

    def test_other_company_contract_is_invisible(self):
        """Company rule: a contract of another company is out of sight."""
        other = self.env["res.company"].create({"name": "Other Firm Ltd"})
        self.director.company_ids = self.env.company
        contract = self._contract(self.director)
        contract.sudo().write({"company_id": other.id})
        self.assertFalse(
            self.env["ps.contract"].with_user(self.director).search([("id", "=", contract.id)])
        )


@tagged("post_install", "-at_install")
class TestPsContractGenerator(PsContractCase):
    def test_generator_builds_contracts_in_every_state(self):
        """The benchmark generator creates contracts, signed ones with requests
        and collections, and refuses non-administrators."""
        contracts = self.env["ps.contract"]._ps_generate(count=6, seed=1)
        self.assertEqual(len(contracts), 6)
        self.assertTrue({"draft", "signed"} <= set(contracts.mapped("state")))
        self.assertTrue(contracts.invoice_request_ids)
        self.assertTrue(contracts.collection_ids)
        with self.assertRaises(AccessError):
            self.env["ps.contract"].with_user(self.salesman)._ps_generate(count=1)
