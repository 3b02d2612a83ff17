from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestPsCustomerLevel(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="ps_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.director = new_test_user(
            cls.env, login="ps_sales_director", groups="sales_team.group_sale_manager"
        )
        cls.level = cls.env["ps.customer.level"].create({"name": "Key", "code": "K"})

    def test_director_creates_level_with_form(self):
        """A sales director configures a level through its form."""
        with Form(self.env["ps.customer.level"].with_user(self.director)) as form:
            form.name = "Important"
            form.code = "I"
        self.assertEqual(form.record.code, "I")
        self.assertTrue(form.record.active)

    def test_salesperson_reads_but_cannot_configure(self):
        """Salespeople see the levels but may not change them."""
        level = self.level.with_user(self.salesman)
        self.assertEqual(level.name, "Key")
        with self.assertRaises(AccessError):
            level.write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.env["ps.customer.level"].with_user(self.salesman).create(
                {"name": "Mine", "code": "M"}
            )

    def test_code_unique_per_company(self):
        """Two levels of one company cannot share a code."""
        company = self.env.company
        self.env["ps.customer.level"].create(
            {"name": "One", "code": "DUP", "company_id": company.id}
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["ps.customer.level"].create(
                {"name": "Two", "code": "DUP", "company_id": company.id}
            )

    def test_other_company_level_hidden(self):
        """A level of another company is invisible to a user of this company."""
        other = self.env["res.company"].create({"name": "Other firm"})
        hidden = self.env["ps.customer.level"].create(
            {"name": "Theirs", "code": "T", "company_id": other.id}
        )
        visible = self.env["ps.customer.level"].with_user(self.director).search([])
        self.assertIn(self.level, visible)
        self.assertNotIn(hidden, visible)
