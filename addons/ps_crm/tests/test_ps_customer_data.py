"""Customer data rules per customer type, and big deals that reach the sales
director (issue 20, item 6)."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_ps_customer import SALES_GROUPS, PsCustomerCase


@tagged("post_install", "-at_install")
class TestCustomerDataRules(PsCustomerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_type = cls.env["ps.customer.type"].create(
            {"name": "Listed company", "require_vat": True, "require_address": True}
        )
        cls.country = cls.env.ref("base.cn")

    def _refused(self, pattern, method, *args):
        # assertRaises rolls back to a savepoint, as the web client's request would
        with self.assertRaises(ValidationError) as caught:
            method(*args)
        self.assertRegex(str(caught.exception), pattern)

    def test_a_company_needs_its_tax_id_and_address(self):
        Partner = self.Partner.with_user(self.sales1)
        self._refused(
            r"Tax ID.*Street.*City.*Country",
            Partner.create,
            {
                "name": "Kappa Holdings",
                "is_company": True,
                "ps_is_customer": True,
                "ps_customer_type_id": self.company_type.id,
            },
        )
        self.assertFalse(self.Partner.search([("name", "=", "Kappa Holdings")]))
        customer = Partner.create(
            {
                "name": "Kappa Holdings",
                "is_company": True,
                "ps_is_customer": True,
                "ps_customer_type_id": self.company_type.id,
                "vat": "91310000MA1FL0001X",
                "street": "1 Century Avenue",
                "city": "Shanghai",
                "country_id": self.country.id,
            }
        )
        # Clearing what the type requires is refused, and changes nothing.
        self._refused("Tax ID", customer.with_user(self.sales1).write, {"vat": False})
        self.assertEqual(customer.vat, "91310000MA1FL0001X")
        # Contacts of the company are not customer accounts: no rule for them.
        contact = Partner.create({"name": "Kim Contact", "parent_id": customer.id})
        self.assertTrue(contact)

    def test_an_older_customer_stays_editable_until_its_data_is_touched(self):
        customer = self._customer("Lambda Trading", user=self.sales1)
        # A rule added later does not lock the customers registered before it...
        customer.sudo().ps_customer_type_id = False
        self.company_type.require_phone = True
        customer.with_user(self.sales1).write({"comment": "Met at the fair"})
        # ...but giving it the type asks for the data.
        self._refused(
            "Lambda Trading.*Listed company.*Phone",
            customer.with_user(self.sales1).write,
            {"ps_customer_type_id": self.company_type.id},
        )
        self.assertFalse(customer.ps_customer_type_id)


@tagged("post_install", "-at_install")
class TestBigDeals(PsCustomerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.ps_big_deal_amount = 100000
        cls.team = cls.env["crm.team"].create(
            {"name": "Big deals team", "user_id": cls.director.id}
        )
        cls.customer = cls._customer("Mu Energy", user=cls.sales1)

    def _alerts(self, lead):
        return (
            self.env["mail.activity"]
            .search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])
            .filtered(lambda a: a.summary == "Big deal in the pipeline")
        )

    def _opportunity(self, revenue):
        return (
            self.env["crm.lead"]
            .with_user(self.sales1)
            .create(
                {
                    "name": f"Deal {revenue}",
                    "type": "opportunity",
                    "partner_id": self.customer.id,
                    "user_id": self.sales1.id,
                    "team_id": self.team.id,
                    "expected_revenue": revenue,
                }
            )
        )

    def test_the_director_hears_once_of_a_big_deal(self):
        lead = self._opportunity(50000)
        self.assertFalse(self._alerts(lead))
        lead.with_user(self.sales1).write({"expected_revenue": 150000})
        alert = self._alerts(lead)
        self.assertEqual(alert.user_id, self.director)
        self.assertIn("150,000.00", str(alert.note))
        self.assertTrue(lead.ps_big_deal_alerted)
        lead.with_user(self.sales1).write({"expected_revenue": 250000})
        self.assertEqual(len(self._alerts(lead)), 1)

    def test_a_deal_entering_big_is_alerted_at_once(self):
        lead = self._opportunity(100000)
        self.assertEqual(self._alerts(lead).user_id, self.director)

    def test_without_a_team_leader_the_sales_directors_hear_of_it(self):
        other_director = new_test_user(
            self.env,
            login="ps_director2",
            name="Dan Director",
            groups=SALES_GROUPS + ",sales_team.group_sale_manager",
        )
        self.team.user_id = False
        lead = self._opportunity(120000)
        self.assertLessEqual({self.director, other_director}, set(self._alerts(lead).user_id))
        self.assertNotIn(self.sales1, self._alerts(lead).user_id)

    def test_salesperson_cannot_silence_the_alert(self):
        lead = self._opportunity(50000)
        with self.assertRaisesRegex(UserError, "not set by hand"):
            lead.with_user(self.sales1).write(
                {"ps_big_deal_alerted": True, "expected_revenue": 150000}
            )
        self.assertFalse(lead.ps_big_deal_alerted)
        self.assertEqual(lead.expected_revenue, 50000)
        with self.assertRaisesRegex(UserError, "not set by hand"):
            lead.with_user(self.sales1).with_context(ps_internal=True).write(
                {"ps_big_deal_alerted": True}
            )
        self.assertFalse(lead.ps_big_deal_alerted)

    def test_no_amount_no_alert(self):
        self.env.company.ps_big_deal_amount = 0
        self.assertFalse(self._alerts(self._opportunity(10**7)))
