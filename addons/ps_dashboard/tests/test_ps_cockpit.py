from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsCockpit(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ceo = new_test_user(cls.env, login="ps_ceo", groups="ps_dashboard.group_ps_executive")
        cls.salesman = new_test_user(
            cls.env, login="ps_salesman", groups="sales_team.group_sale_salesman"
        )

    def test_executive_role_hierarchy(self):
        """An executive is a sales director and a PMO, and reads the books."""
        self.assertTrue(self.ceo.has_group("sales_team.group_sale_manager"))
        self.assertTrue(self.ceo.has_group("project.group_project_manager"))
        self.assertTrue(self.ceo.has_group("account.group_account_readonly"))
        self.assertFalse(self.ceo.has_group("ps_contract.group_ps_finance"))

    def test_cards_count_the_records_behind_them(self):
        """Each card's figure is the number of records its drill-down opens."""
        partner = self.env["res.partner"].create({"name": "Cockpit customer"})
        self.env["ps.contract"].create({"title": "Cockpit study", "partner_id": partner.id})
        cards = self.env["ps.cockpit"].with_user(self.ceo).get_cockpit_data()
        self.assertEqual(
            [c["key"] for c in cards], ["contracts", "projects", "opportunities", "folders"]
        )
        for card in cards:
            expected = self.env[card["model"]].with_user(self.ceo).search_count(card["domain"])
            self.assertEqual(card["value"], expected, card["key"])
        contracts = next(c for c in cards if c["key"] == "contracts")
        self.assertGreaterEqual(contracts["value"], 1)

    def test_cockpit_query_count_is_bounded(self):
        """The cockpit costs one query per card, whatever the data volume."""
        with self.with_user("ps_ceo"):
            cockpit = self.env["ps.cockpit"]
            cockpit.get_cockpit_data()  # warm the group and rule caches
            self.env.invalidate_all()
            with self.assertQueryCount(ps_ceo=4):
                cards = cockpit.get_cockpit_data()
            self.assertEqual(len(cards), 4)

    def test_non_executive_is_refused(self):
        """A salesperson cannot open the cockpit."""
        with self.assertRaises(AccessError):
            self.env["ps.cockpit"].with_user(self.salesman).get_cockpit_data()
