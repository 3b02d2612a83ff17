from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

SALES_GROUPS = (
    "base.group_user,base.group_partner_manager,base.group_allow_export,"
    "sales_team.group_sale_salesman"
)


@tagged("post_install", "-at_install")
class PsCustomerCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.ps_max_owned_customers = 3
        cls.level = cls.env["ps.customer.level"].create(
            {"name": "Pool in 30 days", "code": "P30", "pool_days": 30}
        )
        cls.level_kept = cls.env["ps.customer.level"].create(
            {"name": "Never pooled", "code": "P0", "pool_days": 0}
        )
        cls.sales1 = new_test_user(
            cls.env, login="ps_sales1", name="Sally One", groups=SALES_GROUPS
        )
        cls.sales2 = new_test_user(cls.env, login="ps_sales2", name="Sam Two", groups=SALES_GROUPS)
        cls.director = new_test_user(
            cls.env,
            login="ps_director",
            name="Dana Director",
            groups=SALES_GROUPS + ",sales_team.group_sale_manager",
        )
        cls.Partner = cls.env["res.partner"]

    @classmethod
    def _customer(cls, name, user=None, **vals):
        partners = cls.Partner.with_user(user) if user else cls.Partner
        return partners.create(
            {"name": name, "is_company": True, "ps_is_customer": True, "ps_level_id": cls.level.id}
            | vals
        )

    def _age(self, partner, days):
        """Pretend the owner got the customer `days` ago and nobody followed it up since."""
        partner.sudo().write({"ps_owner_since": fields.Datetime.now() - timedelta(days=days)})


class TestOwnership(PsCustomerCase):
    def test_first_salesperson_to_register_owns_the_customer(self):
        customer = self._customer("Alpha Advisory", user=self.sales1)
        self.assertEqual(customer.user_id, self.sales1)
        self.assertTrue(customer.ps_owner_since)
        self.assertEqual(customer.ps_customer_status, "prospect")

    def test_duplicate_vat_is_refused_with_the_owner_name(self):
        self._customer("Beta Holdings", user=self.sales1, vat="BE0477472701")
        with self.assertRaises(ValidationError) as caught:
            self._customer("Completely Other Name", user=self.sales2, vat="be 0477.472.701")
        self.assertIn("Beta Holdings", str(caught.exception))
        self.assertIn("owned by Sally One", str(caught.exception))
        self.assertFalse(self.Partner.search([("name", "=", "Completely Other Name")]))

    def test_duplicate_name_ignores_case_spaces_and_legal_form(self):
        self._customer("ACME Ltd", user=self.sales1)
        for variant in ("  acme   LIMITED ", "Acme Co., Ltd.", "ACME", "ＡＣＭＥ 有限公司"):
            with self.subTest(variant=variant), self.assertRaises(ValidationError) as caught:
                self._customer(variant, user=self.sales2)
            self.assertIn("owned by Sally One", str(caught.exception))
        self.assertTrue(self._customer("ACME Logistics", user=self.sales2))

    def test_duplicate_phone_and_email_are_refused(self):
        self._customer("Gamma", user=self.sales1, phone="+32 2 555 12 34", email="info@gamma.test")
        with self.assertRaises(ValidationError):
            self._customer("Gamma Bis", user=self.sales2, phone="0032-2-555-1234")
        with self.assertRaises(ValidationError):
            self._customer("Gamma Ter", user=self.sales2, email="INFO@gamma.test ")

    def test_duplicate_check_is_per_company_and_ignores_contacts(self):
        parent = self._customer("Delta Partners", user=self.sales1, email="hello@delta.test")
        contact = self.Partner.create(
            {"name": "Delta Partners", "parent_id": parent.id, "email": "hello@delta.test"}
        )
        self.assertEqual(contact.commercial_partner_id, parent)
        other_company = self.env["res.company"].create({"name": "Sister Firm"})
        twin = self._customer("Delta Partners", company_id=other_company.id)
        self.assertEqual(twin.company_id, other_company)
        # a shared customer (no company) collides with every company's
        with self.assertRaises(ValidationError):
            self._customer("DELTA partners", company_id=False)

    def test_salesperson_cannot_reassign_a_customer(self):
        customer = self._customer("Epsilon", user=self.sales1)
        with self.assertRaisesRegex(UserError, "sales director"):
            customer.with_user(self.sales1).write({"user_id": self.sales2.id})
        customer.with_user(self.director).write({"user_id": self.sales2.id})
        self.assertEqual(customer.user_id, self.sales2)
        log = customer.ps_pool_log_ids
        self.assertEqual(log.mapped("action"), ["assign"])
        self.assertEqual(log.previous_user_id, self.sales1)
        self.assertEqual(log.new_user_id, self.sales2)
        self.assertEqual(log.user_id, self.director)

    def test_new_owner_takes_over_the_open_to_dos(self):
        customer = self._customer("Eta Consulting", user=self.sales1)
        lead = self.env["crm.lead"].create(
            {"name": "Eta audit", "partner_id": customer.id, "user_id": self.sales1.id}
        )
        followups = (
            self.env["ps.customer.followup"]
            .with_user(self.sales1)
            .create(
                [
                    {
                        "partner_id": customer.id,
                        "summary": "Visit",
                        "next_step": "Send the proposal",
                        "next_date": fields.Date.today() + timedelta(days=3),
                    },
                    {
                        "partner_id": customer.id,
                        "lead_id": lead.id,
                        "summary": "Call",
                        "next_step": "Book the kick-off",
                        "next_date": fields.Date.today() + timedelta(days=5),
                    },
                ]
            )
        )
        self.assertEqual(followups.activity_id.user_id, self.sales1)
        # Someone else's to-do on the customer stays theirs.
        other = customer.activity_schedule(summary="Check the tax ID", user_id=self.director.id)

        customer.with_user(self.director).write({"user_id": self.sales2.id})

        self.assertEqual(followups.activity_id.mapped("user_id"), self.sales2)
        self.assertEqual(
            sorted(followups.activity_id.mapped("res_model")), ["crm.lead", "res.partner"]
        )
        self.assertEqual(other.user_id, self.director)
        # The previous owner has nothing left to do on the customer.
        self.assertFalse(
            self.env["mail.activity"].search(
                [("user_id", "=", self.sales1.id), ("res_id", "in", [customer.id, lead.id])]
            )
        )

    def test_customer_from_opportunity_belongs_to_its_salesperson(self):
        lead = self.env["crm.lead"].create(
            {"name": "Audit need", "partner_name": "Zeta Industries", "user_id": self.sales2.id}
        )
        lead._handle_partner_assignment(create_missing=True)
        self.assertTrue(lead.partner_id.ps_is_customer)
        self.assertEqual(lead.partner_id.user_id, self.sales2)


class TestVisibility(PsCustomerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._customer("Mine Corp", user=cls.sales1)
        cls.theirs = cls._customer("Theirs Corp", user=cls.sales2)
        cls.their_contact = cls.Partner.create(
            {"name": "Theo Contact", "parent_id": cls.theirs.id, "email": "theo@theirs.test"}
        )
        cls.pooled = cls._customer("Pool Corp", user_id=False)
        cls.supplier = cls.Partner.create({"name": "Paper Supplier", "is_company": True})

    def test_salesperson_sees_own_pool_and_non_customers_only(self):
        partners = self.Partner.with_user(self.sales1)
        found = partners.search([("name", "in", ["Mine Corp", "Theirs Corp", "Pool Corp"])])
        self.assertEqual(found, self.mine | self.pooled)
        self.assertFalse(partners.search([("id", "=", self.their_contact.id)]))
        self.assertTrue(partners.search([("id", "=", self.supplier.id)]))

    def test_colleague_customer_refused_by_read_group_name_search_export(self):
        partners = self.Partner.with_user(self.sales1)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.sales1).read(["name"])
        with self.assertRaises(AccessError):
            self.their_contact.with_user(self.sales1).read(["email"])
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.sales1).export_data(["name"])
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.sales1).write({"phone": "123"})
        names = [name for _id, name in partners.name_search("Corp", limit=None)]
        self.assertIn("Mine Corp", names)
        self.assertNotIn("Theirs Corp", names)
        groups = partners.read_group(
            [("ps_is_customer", "=", True), ("name", "like", "% Corp")], ["user_id"], ["user_id"]
        )
        counted = {g["user_id"][0] if g["user_id"] else False: g["user_id_count"] for g in groups}
        self.assertEqual(counted, {self.sales1.id: 1, False: 1})

    def test_director_sees_everyone(self):
        found = self.Partner.with_user(self.director).search([("name", "like", "% Corp")])
        self.assertEqual(found, self.mine | self.theirs | self.pooled)


class TestPublicPool(PsCustomerCase):
    def test_claim_within_the_limit_and_logged(self):
        pooled = self._customer("Pool One", user_id=False)
        pooled.with_user(self.sales1).action_ps_claim()
        self.assertEqual(pooled.user_id, self.sales1)
        self.assertTrue(pooled.ps_owner_since)
        log = pooled.ps_pool_log_ids
        self.assertEqual(
            (log.action, log.new_user_id, log.user_id), ("claim", self.sales1, self.sales1)
        )
        # now owned: a colleague can neither see nor claim it
        with self.assertRaises(AccessError):
            pooled.with_user(self.sales2).action_ps_claim()

    def test_claim_of_a_customer_taken_meanwhile_is_refused(self):
        """Two salespeople open the same pool customer; the second claim fails."""
        pooled = self._customer("Pool Race", user_id=False)
        seen_by_sales2 = pooled.with_user(self.sales2)
        seen_by_sales2.mapped("ps_is_customer")  # loaded while still in the pool
        pooled.with_user(self.sales1).action_ps_claim()
        with self.assertRaisesRegex(UserError, "no longer in the public pool"):
            seen_by_sales2.action_ps_claim()
        self.assertEqual(pooled.user_id, self.sales1)
        self.assertEqual(len(pooled.ps_pool_log_ids), 1)

    def test_claim_refused_beyond_the_limit(self):
        for name in ("Own A", "Own B", "Own C"):
            self._customer(name, user=self.sales1)
        pooled = self._customer("Pool Two", user_id=False)
        with self.assertRaisesRegex(UserError, "limit is 3"):
            pooled.with_user(self.sales1).action_ps_claim()
        self.assertFalse(pooled.user_id)
        self.assertFalse(pooled.ps_pool_log_ids)

    def test_salesperson_cannot_take_a_pool_customer_without_claim(self):
        pooled = self._customer("Pool Three", user_id=False)
        with self.assertRaises(UserError):
            pooled.with_user(self.sales1).write({"user_id": self.sales1.id})

    def test_cron_releases_exactly_the_customers_past_their_level_limit(self):
        stale = self._customer("Stale", user=self.sales1)
        fresh = self._customer("Fresh", user=self.sales1)
        kept_level = self._customer("Kept Level", user=self.sales2, ps_level_id=self.level_kept.id)
        followed = self._customer("Followed", user=self.sales2)
        already = self._customer("Already Pooled", user_id=False)
        self._age(stale, 31)
        self._age(fresh, 29)
        self._age(kept_level, 400)
        self._age(followed, 90)
        self.env["ps.customer.followup"].with_user(self.sales2).create(
            {"partner_id": followed.id, "summary": "Checked in", "channel": "call"}
        )
        released = self.Partner._cron_ps_release_to_pool()
        self.assertEqual(released, stale)
        self.assertFalse(stale.user_id)
        self.assertEqual(fresh.user_id, self.sales1)
        self.assertEqual(kept_level.user_id, self.sales2)
        self.assertEqual(followed.user_id, self.sales2)
        self.assertFalse(already.ps_pool_log_ids)
        log = stale.ps_pool_log_ids
        self.assertEqual(
            (log.action, log.previous_user_id.id, log.new_user_id.id),
            ("release", self.sales1.id, False),
        )
        # released customers appear in the pool for everybody
        self.assertIn(stale, self.Partner.with_user(self.sales2).search([("user_id", "=", False)]))

    def test_cron_query_count_does_not_grow_with_the_customers(self):
        """The release over 10,000 customers costs the same queries as over 20."""
        old = fields.Datetime.now() - timedelta(days=90)
        vals = [
            {
                "name": f"Bulk Customer {i:05d}",
                "is_company": True,
                "ps_is_customer": True,
                "ps_level_id": self.level.id,
                "user_id": self.sales1.id if i % 2 else self.sales2.id,
                "ps_owner_since": old,
            }
            for i in range(10000)
        ]
        small = self.Partner.create(vals[:20])
        self.env.flush_all()
        self.env.invalidate_all()
        count0 = self.cr.sql_log_count
        self.assertEqual(self.Partner._cron_ps_release_to_pool(), small)
        self.env.flush_all()
        small_count = self.cr.sql_log_count - count0

        large = self.Partner.create(vals[20:])
        self.env.flush_all()
        self.env.invalidate_all()
        count0 = self.cr.sql_log_count
        released = self.Partner._cron_ps_release_to_pool()
        self.env.flush_all()
        large_count = self.cr.sql_log_count - count0
        self.assertEqual(len(released), 9980)
        self.assertEqual(released, large)
        self.assertEqual(
            self.env["ps.customer.pool.log"].search_count([("partner_id", "in", large.ids)]), 9980
        )
        # The ORM reads and writes big recordsets in chunks of 1,000 records, so
        # the count grows by a fixed amount per thousand customers (measured: 13
        # queries for 20 customers, 237 for 10,000), never by one per customer.
        self.assertLessEqual(large_count, small_count + 25 * 10, (small_count, large_count))
        self.assertLess(large_count, 10000 / 20, (small_count, large_count))


class TestFollowups(PsCustomerCase):
    def test_followup_form_updates_customer_and_plans_the_next_step(self):
        customer = self._customer("Omega Trust", user=self.sales1)
        next_date = fields.Date.today() + timedelta(days=7)
        with Form(self.env["ps.customer.followup"].with_user(self.sales1)) as form:
            form.partner_id = customer
            form.channel = "visit"
            form.summary = "Presented the audit approach"
            form.next_step = "Send the engagement letter"
            form.next_date = next_date
        followup = form.record
        self.assertEqual(followup.user_id, self.sales1)
        self.assertEqual(customer.ps_last_followup_date, followup.date)
        self.assertEqual(customer.ps_next_followup_date, next_date)
        self.assertEqual(customer.ps_followup_count, 1)
        activity = followup.activity_id
        self.assertEqual(activity.res_id, customer.id)
        self.assertEqual(activity.user_id, self.sales1)
        self.assertEqual(activity.date_deadline, next_date)
        self.assertEqual(activity.summary, "Send the engagement letter")

    def test_next_date_before_the_followup_is_refused(self):
        customer = self._customer("Sigma", user=self.sales1)
        with self.assertRaisesRegex(ValidationError, "cannot be before"):
            self.env["ps.customer.followup"].with_user(self.sales1).create(
                {
                    "partner_id": customer.id,
                    "summary": "Call",
                    "next_date": fields.Date.today() - timedelta(days=1),
                }
            )

    def test_overdue_followups_per_salesperson(self):
        late = self._customer("Late Co", user=self.sales1)
        on_time = self._customer("On Time Co", user=self.sales1)
        Followup = self.env["ps.customer.followup"].with_user(self.sales1)
        Followup.create(
            {
                "partner_id": late.id,
                "summary": "Old call",
                "date": fields.Datetime.now() - timedelta(days=10),
                "next_date": fields.Date.today() - timedelta(days=3),
            }
        )
        Followup.create(
            {
                "partner_id": on_time.id,
                "summary": "Call",
                "next_date": fields.Date.today() + timedelta(days=3),
            }
        )
        overdue = Followup.search([("is_overdue", "=", True), ("user_id", "=", self.sales1.id)])
        self.assertEqual(overdue.partner_id, late)
        customers = self.Partner.with_user(self.sales1).search(
            [("ps_next_followup_date", "<", fields.Date.today()), ("user_id", "=", self.sales1.id)]
        )
        self.assertEqual(customers, late)

    def test_salesperson_cannot_read_a_colleague_followup(self):
        theirs = self._customer("Their Client", user=self.sales2)
        followup = (
            self.env["ps.customer.followup"]
            .with_user(self.sales2)
            .create({"partner_id": theirs.id, "summary": "Private notes"})
        )
        with self.assertRaises(AccessError):
            followup.with_user(self.sales1).read(["summary"])
        self.assertTrue(followup.with_user(self.director).read(["summary"]))


class TestLevelRule(PsCustomerCase):
    def test_level_follows_won_revenue_unless_set_by_hand(self):
        gold = self.env["ps.customer.level"].create(
            {"name": "Gold", "code": "GOLD", "sequence": 0, "min_won_amount": 50000}
        )
        self.level.min_won_amount = 0
        self.level.sequence = 50
        auto = self._customer("Auto Level", user=self.sales1)
        manual = self._customer("Manual Level", user=self.sales1, ps_level_manual=True)
        for partner in auto | manual:
            self.env["crm.lead"].create(
                {
                    "name": f"Deal {partner.name}",
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "expected_revenue": 60000,
                    "user_id": self.sales1.id,
                }
            ).action_set_won()
        (auto | manual).action_ps_recompute_level()
        self.assertEqual(auto.ps_level_id, gold)
        self.assertEqual(manual.ps_level_id, self.level)

    def test_credit_grade_from_revenue_and_on_time_collection(self):
        Grade = self.env["ps.credit.grade"]
        Grade.search([]).active = False
        prime = Grade.create(
            {
                "name": "Prime",
                "code": "P",
                "sequence": 1,
                "min_won_amount": 1000,
                "min_on_time_rate": 90,
            }
        )
        solid = Grade.create({"name": "Solid", "code": "S", "sequence": 2, "min_won_amount": 1000})
        basic = Grade.create({"name": "Basic", "code": "BA", "sequence": 3})
        rich = self._customer("Rich Payer", user=self.sales1)
        late = self._customer("Rich Late Payer", user=self.sales1)
        small = self._customer("Small Client", user=self.sales1)
        for partner in rich | late:
            lead = self.env["crm.lead"].create(
                {
                    "name": f"Deal {partner.name}",
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "expected_revenue": 5000,
                    "user_id": self.sales1.id,
                }
            )
            lead.action_set_won()
        rates = {rich: 97.0, late: 60.0}
        Partner = type(self.Partner)
        with patch.object(Partner, "_ps_on_time_collection_rates", lambda self, p: rates):
            (rich | late | small).action_ps_recompute_level()
        self.assertEqual(rich.ps_credit_grade_id, prime)
        self.assertEqual(late.ps_credit_grade_id, solid)
        self.assertEqual(small.ps_credit_grade_id, basic)

    def test_credit_grade_thresholds_are_validated(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.env["ps.credit.grade"].create(
                {"name": "Bad", "code": "BAD", "min_on_time_rate": 120}
            )


class TestSalesKpis(PsCustomerCase):
    def _kpis(self, user, domain=()):
        rows = (
            self.env["ps.sales.kpi.report"]
            .with_user(user)
            ._read_group(
                list(domain),
                ["user_id"],
                [
                    "new_customer_count:sum",
                    "followup_count:sum",
                    "opportunity_count:sum",
                    "won_count:sum",
                    "lost_count:sum",
                    "won_amount:sum",
                    "overdue_followup_count:sum",
                ],
            )
        )
        return {user: figures for user, *figures in rows}

    def test_kpis_per_salesperson(self):
        customer = self._customer("Kpi Client", user=self.sales1)
        self.env["ps.customer.followup"].with_user(self.sales1).create(
            {
                "partner_id": customer.id,
                "summary": "Call",
                "date": fields.Datetime.now() - timedelta(days=5),
                "next_date": fields.Date.today() - timedelta(days=1),
            }
        )
        Lead = self.env["crm.lead"].with_user(self.sales1)
        won = Lead.create(
            {
                "name": "Won deal",
                "type": "opportunity",
                "partner_id": customer.id,
                "expected_revenue": 40000,
                "user_id": self.sales1.id,
            }
        )
        won.action_set_won()
        Lead.create(
            {"name": "Lost deal", "type": "opportunity", "user_id": self.sales1.id}
        ).action_set_lost()
        self.env.flush_all()
        figures = self._kpis(self.director, [("user_id", "=", self.sales1.id)])
        self.assertEqual(figures[self.sales1], [1, 1, 2, 1, 1, 40000.0, 1])
        rate = self.env["ps.sales.kpi.report"].search(
            [("user_id", "=", self.sales1.id), ("won_count", ">", 0)]
        )
        self.assertEqual(rate.win_rate, 50.0)
        self.assertGreaterEqual(rate.cycle_days, 0.0)

    def test_salesperson_sees_only_own_kpis(self):
        self._customer("Their Kpi Client", user=self.sales2)
        self._customer("My Kpi Client", user=self.sales1)
        self.env.flush_all()
        seen = self._kpis(self.sales1)
        self.assertEqual(set(seen), {self.sales1})
        self.assertIn(self.sales2, self._kpis(self.director))

    def test_demo_data_gives_kpis_and_funnel_figures(self):
        """What a new user sees in Sales KPIs and Sales Funnel is not empty."""
        admin = self.env.ref("base.user_admin")
        totals = (
            self.env["ps.sales.kpi.report"]
            .with_user(admin)
            ._read_group([], [], ["won_amount:sum", "followup_count:sum", "opportunity_count:sum"])[
                0
            ]
        )
        self.assertTrue(all(totals), totals)
        funnel = (
            self.env["crm.lead"]
            .with_user(admin)
            ._read_group([("type", "=", "opportunity")], ["stage_id"], ["expected_revenue:sum"])
        )
        self.assertGreater(len(funnel), 1)
        self.assertTrue(any(amount for _stage, amount in funnel))
