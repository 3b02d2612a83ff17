from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsContract(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="ps_salesman_a", groups="sales_team.group_sale_salesman"
        )
        cls.colleague = new_test_user(
            cls.env, login="ps_salesman_b", groups="sales_team.group_sale_salesman"
        )
        cls.director = new_test_user(
            cls.env, login="ps_director", groups="sales_team.group_sale_manager"
        )
        cls.finance = new_test_user(
            cls.env, login="ps_finance", groups="base.group_user,ps_contract.group_ps_finance"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Contoso Consulting Client"})

    def _contract(self, user, **vals):
        return (
            self.env["ps.contract"]
            .with_user(user)
            .create({"title": "Study", "partner_id": self.customer.id, **vals})
        )

    def test_salesperson_creates_contract_with_reference(self):
        """A salesperson's new contract gets a CT/ reference and them as owner."""
        with Form(self.env["ps.contract"].with_user(self.salesman)) as form:
            form.title = "Market entry study"
            form.partner_id = self.customer
            form.amount_total = 1000
        contract = form.record
        self.assertTrue(contract.name.startswith("CT/"))
        self.assertEqual(contract.user_id, self.salesman)

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

    def test_finance_reads_but_cannot_edit(self):
        """Finance reads every contract but does not change them."""
        contract = self._contract(self.salesman)
        self.assertEqual(contract.with_user(self.finance).title, "Study")
        with self.assertRaises(AccessError):
            contract.with_user(self.finance).write({"amount_total": 1})
        with self.assertRaises(AccessError):
            self._contract(self.finance)

    def test_end_before_start_is_refused(self):
        """A contract cannot end before it starts."""
        with self.assertRaises(ValidationError):
            self._contract(self.salesman, date_start="2026-05-01", date_end="2026-04-01")

    def test_finance_group_is_implied_by_accounting_admin(self):
        """Accounting administrators are finance controllers too."""
        admin_group = self.env.ref("account.group_account_manager")
        self.assertIn(self.env.ref("ps_contract.group_ps_finance"), admin_group.implied_ids)
