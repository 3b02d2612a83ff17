from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsCrmCatalogTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="ps_tour_salesman", groups="sales_team.group_sale_salesman"
        )
        other = new_test_user(
            cls.env, login="ps_tour_auditor", groups="sales_team.group_sale_salesman"
        )
        category = cls.env["ps.service.category"].create({"name": "Tour consulting"})
        cls.strategy = cls.env["product.product"].create(
            {
                "name": "Tour strategy session",
                "type": "service",
                "ps_service_category_id": category.id,
                "ps_pricing_unit": "man_day",
                "list_price": 1800.0,
            }
        )
        cls.env["product.product"].create(
            {
                "name": "Tour audit",
                "type": "service",
                "ps_service_category_id": category.id,
                "ps_pricing_unit": "fixed_fee",
                "list_price": 30000.0,
                "ps_allowed_user_ids": [Command.link(other.id)],
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Tour opportunity", "type": "opportunity", "user_id": cls.salesman.id}
        )

    def test_catalog_tour(self):
        """A salesperson sees the catalog and quotes an allowed service on an opportunity."""
        self.start_tour("/odoo", "ps_crm_catalog_tour", login="ps_tour_salesman")
        line = self.lead.ps_service_line_ids
        self.assertEqual(line.product_id, self.strategy)
        self.assertEqual(line.quantity, 3.0)
        self.assertEqual(line.price_subtotal, 5400.0)
