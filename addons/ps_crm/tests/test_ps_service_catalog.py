from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsServiceCatalog(TransactionCase):
    """Service catalog: categories, catalog services, who may sell them on an
    opportunity, and the product sales analysis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="ps_cat_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.allowed_salesman = new_test_user(
            cls.env, login="ps_cat_allowed", groups="sales_team.group_sale_salesman"
        )
        cls.team_salesman = new_test_user(
            cls.env, login="ps_cat_team", groups="sales_team.group_sale_salesman"
        )
        cls.director = new_test_user(
            cls.env, login="ps_cat_director", groups="sales_team.group_sale_manager"
        )
        cls.audit_team = cls.env["crm.team"].create(
            {
                "name": "Audit team",
                "crm_team_member_ids": [Command.create({"user_id": cls.team_salesman.id})],
            }
        )
        Category = cls.env["ps.service.category"]
        cls.consulting = Category.create({"name": "Consulting", "code": "T-MC"})
        cls.strategy = Category.create(
            {"name": "Strategy", "code": "T-MC-STR", "parent_id": cls.consulting.id}
        )
        cls.audit = Category.create({"name": "Audit", "code": "T-AUD"})
        Product = cls.env["product.product"]
        cls.diagnostic = Product.create(
            {
                "name": "Test strategy diagnostic",
                "type": "service",
                "ps_service_category_id": cls.strategy.id,
                "ps_pricing_unit": "man_day",
                "list_price": 1800.0,
            }
        )
        cls.expert_review = Product.create(
            {
                "name": "Test expert review",
                "type": "service",
                "ps_service_category_id": cls.consulting.id,
                "ps_pricing_unit": "deliverable",
                "list_price": 5000.0,
                "ps_allowed_user_ids": [Command.link(cls.allowed_salesman.id)],
            }
        )
        cls.statutory_audit = Product.create(
            {
                "name": "Test statutory audit",
                "type": "service",
                "ps_service_category_id": cls.audit.id,
                "ps_pricing_unit": "fixed_fee",
                "list_price": 30000.0,
                "ps_allowed_team_ids": [Command.link(cls.audit_team.id)],
            }
        )

    @classmethod
    def _opportunity(cls, user, name="Test opportunity"):
        return cls.env["crm.lead"].create(
            {"name": name, "type": "opportunity", "user_id": user.id, "team_id": False}
        )

    def _add_line(self, user, lead, product, **values):
        return (
            self.env["ps.lead.service.line"]
            .with_user(user)
            .create({"lead_id": lead.id, "product_id": product.id, **values})
        )

    # Categories

    def test_category_hierarchy(self):
        """A subcategory is named after its parent and counts in its parent's branch."""
        self.assertEqual(self.strategy.complete_name, "Consulting / Strategy")
        self.assertEqual(self.strategy.display_name, "Consulting / Strategy")
        self.assertEqual(self.consulting.child_ids, self.strategy)
        branch = self.env["ps.service.category"].search([("id", "child_of", self.consulting.id)])
        self.assertEqual(branch, self.consulting | self.strategy)
        self.assertEqual(self.strategy.product_count, 1)
        self.assertEqual(self.consulting.product_count, 2)
        self.consulting.name = "Management consulting"
        self.assertEqual(self.strategy.complete_name, "Management consulting / Strategy")

    def test_category_cycle_refused(self):
        """A category cannot become a subcategory of its own subcategory."""
        with self.assertRaisesRegex(ValidationError, "cannot be its own parent"):
            self.consulting.parent_id = self.strategy
        with self.assertRaises(ValidationError):
            self.strategy.parent_id = self.strategy

    def test_salesperson_reads_categories_but_cannot_configure(self):
        """Salespeople see the categories; only sales managers change them."""
        self.assertEqual(
            self.strategy.with_user(self.salesman).complete_name, "Consulting / Strategy"
        )
        with self.assertRaises(AccessError):
            self.strategy.with_user(self.salesman).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.env["ps.service.category"].with_user(self.salesman).create({"name": "Mine"})
        category = self.env["ps.service.category"].with_user(self.director).create({"name": "Tax"})
        self.assertEqual(category.complete_name, "Tax")

    def test_other_company_category_hidden(self):
        """A category of another company is invisible; shared ones are visible."""
        other = self.env["res.company"].create({"name": "Other firm"})
        hidden = self.env["ps.service.category"].create(
            {"name": "Their category", "company_id": other.id}
        )
        visible = self.env["ps.service.category"].with_user(self.director).search([])
        self.assertIn(self.consulting, visible)
        self.assertNotIn(hidden, visible)

    # Catalog services

    def test_service_product_form(self):
        """A sales manager adds a catalog service with its category, unit and price."""
        form = Form(
            self.env["product.template"]
            .with_user(self.director)
            .with_context(default_type="service", ps_service_catalog=True),
            view="product.product_template_only_form_view",
        )
        form.name = "Brand audit"
        form.ps_service_category_id = self.audit
        form.ps_pricing_unit = "deliverable"
        form.list_price = 8000.0
        form.ps_allowed_team_ids.add(self.audit_team)
        template = form.save()
        self.assertTrue(template.ps_is_service_offering)
        self.assertEqual(template.ps_pricing_unit, "deliverable")
        self.assertEqual(template.list_price, 8000.0)
        self.assertEqual(template.ps_allowed_team_ids, self.audit_team)
        self.assertEqual(self.audit.product_count, 2)

    def test_catalog_membership(self):
        """Only services with a service category belong to the catalog."""
        goods = self.env["product.template"].create(
            {"name": "Laptop", "type": "consu", "ps_service_category_id": self.audit.id}
        )
        uncategorised = self.env["product.template"].create({"name": "Misc", "type": "service"})
        self.assertFalse(goods.ps_is_service_offering)
        self.assertFalse(uncategorised.ps_is_service_offering)
        self.assertTrue(self.diagnostic.ps_is_service_offering)
        uncategorised.ps_service_category_id = self.strategy
        self.assertTrue(uncategorised.ps_is_service_offering)

    def test_sellable_domain_per_user(self):
        """The product choice offered to a user lists only what they may sell."""
        services = self.diagnostic | self.expert_review | self.statutory_audit
        Product = self.env["product.product"]

        def offered(user):
            domain = self.env["product.template"]._ps_sellable_domain(user)
            return Product.with_user(user).search(domain + [("id", "in", services.ids)])

        self.assertEqual(offered(self.salesman), self.diagnostic)
        self.assertEqual(offered(self.allowed_salesman), self.diagnostic | self.expert_review)
        self.assertEqual(offered(self.team_salesman), self.diagnostic | self.statutory_audit)
        self.assertEqual(offered(self.director), services)
        self.statutory_audit.sale_ok = False
        self.assertEqual(offered(self.director), self.diagnostic | self.expert_review)

    # Right to sell, enforced on the opportunity's service lines

    def test_not_allowed_salesperson_cannot_create_line(self):
        """A salesperson not allowed to sell a service cannot add it to an opportunity."""
        lead = self._opportunity(self.salesman)
        with self.assertRaisesRegex(UserError, "ps_cat_salesman.*Test expert review"):
            self._add_line(self.salesman, lead, self.expert_review)
        with self.assertRaisesRegex(UserError, "Test statutory audit"):
            self._add_line(self.salesman, lead, self.statutory_audit)
        self.assertFalse(lead.ps_service_line_ids)

    def test_not_allowed_salesperson_cannot_switch_product(self):
        """Changing a line's service to a restricted one is refused as well."""
        lead = self._opportunity(self.salesman)
        line = self._add_line(self.salesman, lead, self.diagnostic)
        with self.assertRaisesRegex(UserError, "not allowed to sell"):
            line.write({"product_id": self.expert_review.id})
        self.assertEqual(line.product_id, self.diagnostic)
        line.write({"quantity": 3.0})
        self.assertEqual(line.price_subtotal, 5400.0)

    def test_not_allowed_salesperson_cannot_add_with_form(self):
        """Through the opportunity form, a restricted service cannot be saved."""
        lead = self._opportunity(self.salesman)
        form = Form(lead.with_user(self.salesman))
        with form.ps_service_line_ids.new() as line:
            line.product_id = self.expert_review
        with self.assertRaisesRegex(UserError, "not allowed to sell"):
            form.save()
        self.assertFalse(lead.ps_service_line_ids)

    def test_allowed_salesperson_adds_line(self):
        """A listed salesperson adds the service; price and total follow the catalog."""
        lead = self._opportunity(self.allowed_salesman)
        form = Form(lead.with_user(self.allowed_salesman))
        with form.ps_service_line_ids.new() as line:
            line.product_id = self.expert_review
            self.assertEqual(line.price_unit, 5000.0)
            line.quantity = 2
        with form.ps_service_line_ids.new() as line:
            line.product_id = self.diagnostic
            line.quantity = 5
        form.save()
        self.assertEqual(lead.ps_service_line_ids.product_id, self.expert_review | self.diagnostic)
        self.assertEqual(lead.ps_service_line_ids[0].name, "Test expert review")
        self.assertEqual(lead.ps_service_amount_total, 2 * 5000.0 + 5 * 1800.0)

    def test_team_member_may_sell_team_service(self):
        """A member of an allowed sales team sells the team's service; others may not."""
        lead = self._opportunity(self.team_salesman)
        line = self._add_line(self.team_salesman, lead, self.statutory_audit)
        self.assertEqual(line.price_subtotal, 30000.0)
        with self.assertRaisesRegex(UserError, "ps_cat_team.*Test expert review"):
            self._add_line(self.team_salesman, lead, self.expert_review)
        # Leaving the team withdraws the right.
        self.audit_team.crm_team_member_ids.action_archive()
        with self.assertRaises(UserError):
            self._add_line(self.team_salesman, lead, self.statutory_audit)

    def test_sales_manager_may_add_any_service(self):
        """Sales managers are not bound by the restrictions, on any opportunity."""
        lead = self._opportunity(self.salesman)
        lead.with_user(self.director).write(
            {
                "ps_service_line_ids": [
                    Command.create({"product_id": self.expert_review.id}),
                    Command.create({"product_id": self.statutory_audit.id, "price_unit": 25000}),
                ]
            }
        )
        self.assertEqual(lead.ps_service_amount_total, 30000.0)

    def test_disabled_service_cannot_be_added(self):
        """A service that cannot be sold any more is refused, even to a sales manager."""
        self.diagnostic.sale_ok = False
        lead = self._opportunity(self.director)
        with self.assertRaisesRegex(UserError, "disabled"):
            self._add_line(self.director, lead, self.diagnostic)

    def test_merged_opportunities_keep_their_services(self):
        """Merging opportunities moves every service line to the resulting one."""
        first = self._opportunity(self.salesman, name="Merge A")
        second = self._opportunity(self.salesman, name="Merge B")
        self._add_line(self.salesman, first, self.diagnostic, quantity=2)
        self._add_line(self.salesman, second, self.diagnostic, quantity=3)
        merged = (first | second).with_user(self.salesman).merge_opportunity()
        self.assertEqual(len(merged.ps_service_line_ids), 2)
        self.assertEqual(merged.ps_service_amount_total, 5 * 1800.0)
        self.assertFalse(((first | second) - merged).exists())

    # Product sales analysis

    def _won_lead(self, user, lines, won=True):
        lead = self._opportunity(user, name=f"Analysis {user.login}")
        lead.write(
            {
                "ps_service_line_ids": [
                    Command.create({"product_id": product.id, "quantity": qty})
                    for product, qty in lines
                ]
            }
        )
        if won:
            lead.action_set_won()
        return lead

    def _analysis(self, user, groupby):
        self.env.flush_all()
        Report = self.env["ps.service.sales.report"].with_user(user)
        return {
            group: (amount, count)
            for group, amount, count in Report._read_group(
                [("product_id", "in", (self.diagnostic | self.statutory_audit).ids)],
                [groupby],
                ["amount_won:sum", "lead_id:count_distinct"],
            )
        }

    def test_analysis_counts_won_opportunities_only(self):
        """Won amount and count per service and category, open and lost left out."""
        self._won_lead(self.director, [(self.diagnostic, 2), (self.statutory_audit, 1)])
        self._won_lead(self.director, [(self.diagnostic, 3)])
        self._won_lead(self.director, [(self.diagnostic, 10)], won=False)
        self._won_lead(self.director, [(self.statutory_audit, 1)]).action_set_lost()

        by_product = self._analysis(self.director, "product_id")
        self.assertEqual(by_product[self.diagnostic], (5 * 1800.0, 2))
        self.assertEqual(by_product[self.statutory_audit], (30000.0, 1))

        by_root = self._analysis(self.director, "root_category_id")
        self.assertEqual(by_root[self.consulting], (9000.0, 2))
        self.assertEqual(by_root[self.audit], (30000.0, 1))

    def test_analysis_rows_of_own_opportunities_for_salespeople(self):
        """A salesperson sees the sales of their own opportunities only; managers all."""
        mine = self._won_lead(self.salesman, [(self.diagnostic, 1)])
        self._won_lead(self.team_salesman, [(self.diagnostic, 4)])
        self.assertEqual(mine.stage_id.is_won, True)

        self.assertEqual(self._analysis(self.salesman, "user_id"), {self.salesman: (1800.0, 1)})
        self.assertEqual(
            self._analysis(self.director, "user_id"),
            {self.salesman: (1800.0, 1), self.team_salesman: (7200.0, 1)},
        )
        rows = self.env["ps.service.sales.report"].with_user(self.salesman).search([])
        self.assertEqual(rows.lead_id, mine)
