from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsCrmTour(HttpCase):
    def test_customer_level_tour(self):
        """A sales manager adds a customer level from CRM > Configuration."""
        self.start_tour("/odoo", "ps_crm_customer_level_tour", login="admin")
        level = self.env["ps.customer.level"].search([("code", "=", "TOUR")])
        self.assertEqual(level.name, "Tour level")

    def test_customer_pool_tour(self):
        """A salesperson opens the customer kanban, claims a pool customer and logs a follow-up."""
        salesman = new_test_user(
            self.env,
            login="ps_tour_sales",
            password="ps_tour_sales",
            groups="base.group_user,base.group_partner_manager,sales_team.group_sale_salesman",
        )
        level = self.env.ref("ps_crm.ps_customer_level_key_demo", raise_if_not_found=False)
        if not level:
            level = self.env["ps.customer.level"].create({"name": "Tour", "code": "TOUR"})
        Partner = self.env["res.partner"]
        common = {"is_company": True, "ps_is_customer": True, "ps_level_id": level.id}
        Partner.create({"name": "Tour Own Customer", "user_id": salesman.id} | common)
        pooled = Partner.create({"name": "Tour Pool Customer", "user_id": False} | common)
        self.start_tour("/odoo", "ps_crm_customer_pool_tour", login="ps_tour_sales")
        self.assertEqual(pooled.user_id, salesman)
        followup = pooled.ps_followup_ids
        self.assertEqual(followup.summary, "Tour call: interested in a training programme")
        self.assertEqual(followup.user_id, salesman)
        self.assertEqual(pooled.ps_pool_log_ids.action, "claim")

    def test_reporting_tour(self):
        """A sales director opens Sales KPIs and the Sales Funnel on the demo data."""
        self.start_tour("/odoo", "ps_crm_reporting_tour", login="admin")
