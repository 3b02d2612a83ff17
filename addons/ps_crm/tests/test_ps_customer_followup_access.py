from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

SALES_GROUPS = "base.group_user,base.group_partner_manager,sales_team.group_sale_salesman"
POOL_CLOCK = ("ps_owner_since", "ps_last_followup_date", "ps_next_followup_date")


class FollowupAccessCase(TransactionCase):
    """Two salespeople, each with a customer, a sales director and a customer
    of the public pool."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = new_test_user(
            cls.env, login="ps_fu_owner", name="Olga Owner", groups=SALES_GROUPS
        )
        cls.other = new_test_user(
            cls.env, login="ps_fu_other", name="Otto Other", groups=SALES_GROUPS
        )
        cls.director = new_test_user(
            cls.env,
            login="ps_fu_director",
            groups=SALES_GROUPS + ",sales_team.group_sale_manager",
        )
        Partner = cls.env["res.partner"]
        common = {"is_company": True, "ps_is_customer": True}
        cls.hidden = Partner.create(
            {"name": "Hidden Heavy Industries", "user_id": cls.owner.id} | common
        )
        cls.mine = Partner.create({"name": "Other's Own Client", "user_id": cls.other.id} | common)
        cls.pooled = Partner.create({"name": "Pool Prospects", "user_id": False} | common)
        # the colleague's customer was last followed up 20 days ago
        cls.hidden.write(
            {
                "ps_owner_since": fields.Datetime.now() - timedelta(days=60),
                "ps_last_followup_date": fields.Datetime.now() - timedelta(days=20),
                "ps_next_followup_date": fields.Date.today() + timedelta(days=3),
            }
        )
        cls.hidden_lead = cls.env["crm.lead"].create(
            {
                "name": "Hidden plant audit",
                "type": "opportunity",
                "partner_id": cls.hidden.id,
                "user_id": cls.owner.id,
            }
        )

    def _vals(self, partner, **vals):
        return {
            "partner_id": partner.id,
            "channel": "call",
            "summary": "Checked in",
            "next_step": "Call back",
            "next_date": fields.Date.to_string(fields.Date.today() + timedelta(days=7)),
        } | vals

    def _snapshot(self):
        """What a follow-up on the colleague's customer would change, read as superuser."""
        self.env.invalidate_all()
        Activity = self.env["mail.activity"].sudo()
        return {
            "clock": self.hidden.sudo().read(POOL_CLOCK + ("ps_pool_reference_date",))[0],
            "followups": self.env["ps.customer.followup"]
            .sudo()
            .search([("partner_id", "=", self.hidden.id)])
            .ids,
            "owner_activities": Activity.search([("user_id", "=", self.owner.id)]).ids,
            "customer_activities": Activity.search(
                [("res_model", "=", "res.partner"), ("res_id", "=", self.hidden.id)]
            ).ids,
            "lead_activities": self.hidden_lead.sudo().activity_ids.ids,
        }


@tagged("post_install", "-at_install")
class TestFollowupAccess(FollowupAccessCase):
    def test_salesperson_cannot_follow_up_a_colleague_customer(self):
        """A salesperson creating a follow-up on a colleague's customer by id is
        refused with what to do, without learning the customer's name; the pool
        clock, the colleague's activities and the follow-ups stay as they were."""
        before = self._snapshot()
        with self.assertRaises(AccessError) as caught:
            self.env["ps.customer.followup"].with_user(self.other).create(self._vals(self.hidden))
        message = str(caught.exception)
        self.assertIn("ask the customer's owner or a sales director", message)
        self.assertNotIn(self.hidden.name, message)
        self.assertEqual(self._snapshot(), before)

    def test_salesperson_cannot_move_a_followup_to_a_colleague_customer(self):
        """Logging on one's own customer and then moving the follow-up to the
        colleague's customer (or linking the colleague's opportunity) is refused."""
        followup = (
            self.env["ps.customer.followup"].with_user(self.other).create(self._vals(self.mine))
        )
        before = self._snapshot()
        for vals in ({"partner_id": self.hidden.id}, {"lead_id": self.hidden_lead.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                followup.write(vals)
        self.assertEqual(self._snapshot(), before)
        followup.invalidate_recordset()
        self.assertEqual(followup.partner_id, self.mine)
        self.assertFalse(followup.lead_id)

    def test_salesperson_cannot_link_a_colleague_opportunity(self):
        """A follow-up on one's own customer cannot carry a colleague's opportunity:
        its next step would land on that opportunity."""
        before = self._snapshot()
        with self.assertRaises(AccessError):
            self.env["ps.customer.followup"].with_user(self.other).create(
                self._vals(self.mine, lead_id=self.hidden_lead.id)
            )
        self.assertEqual(self._snapshot(), before)

    def test_opportunity_of_another_customer_is_refused(self):
        """A director (who sees every opportunity) cannot link a follow-up to an
        opportunity of another customer: the message says what to pick."""
        with self.assertRaises(ValidationError) as caught:
            self.env["ps.customer.followup"].with_user(self.director).create(
                self._vals(self.mine, lead_id=self.hidden_lead.id)
            )
        self.assertIn("pick one of this customer's opportunities", str(caught.exception))

    def test_follow_up_only_on_customer_accounts(self):
        """A contact person or a partner that is no customer gets a message saying
        where to log the follow-up."""
        contact = self.env["res.partner"].create(
            {"name": "Cara Contact", "parent_id": self.mine.id}
        )
        supplier = self.env["res.partner"].create({"name": "Paper Supplier", "is_company": True})
        Followup = self.env["ps.customer.followup"].with_user(self.other)
        with self.assertRaises(ValidationError) as caught:
            Followup.create(self._vals(contact))
        self.assertIn("log the follow-up on Other's Own Client", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Followup.create(self._vals(supplier))
        self.assertIn("register it as a customer", str(caught.exception))

    def test_own_pool_and_director_followups_go_through(self):
        """The salesperson follows up own and pool customers; the sales director
        follows up anyone's customer, and the next step lands with the owner."""
        Followup = self.env["ps.customer.followup"]
        own = Followup.with_user(self.other).create(self._vals(self.mine))
        pool = Followup.with_user(self.other).create(self._vals(self.pooled))
        by_director = Followup.with_user(self.director).create(self._vals(self.hidden))
        self.assertEqual(own.activity_id.user_id, self.other)
        self.assertEqual(pool.activity_id.user_id, self.other)
        self.assertEqual(by_director.activity_id.user_id, self.owner)
        self.assertEqual(self.hidden.ps_last_followup_date, by_director.date)
        own.with_user(self.other).write({"summary": "Checked in again"})
        self.assertEqual(own.summary, "Checked in again")


@tagged("post_install", "-at_install")
class TestFollowupAccessRpc(HttpCase, FollowupAccessCase):
    """The same refusal over JSON-RPC: the web client is not the only way in."""

    def _create_over_rpc(self, vals, context=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/ps.customer.followup/create",
            {
                "model": "ps.customer.followup",
                "method": "create",
                "args": [vals],
                "kwargs": {"context": context or {}},
            },
        )

    def test_salesperson_cannot_follow_up_a_colleague_customer_over_rpc(self):
        """Logged in as a salesperson, creating a follow-up on a colleague's
        customer id through /web/dataset/call_kw fails, even with a forged
        context, and changes nothing."""
        before = self._snapshot()
        self.authenticate(self.other.login, self.other.login)
        for context in ({}, {"ps_internal": True, "default_partner_id": self.hidden.id}):
            with self.subTest(context=context), self.assertRaises(JsonRpcException) as caught:
                self._create_over_rpc(self._vals(self.hidden), context)
            self.assertIn("AccessError", str(caught.exception))
        self.assertEqual(self._snapshot(), before)

    def test_salesperson_follows_up_own_customer_over_rpc(self):
        """The same call on the salesperson's own customer goes through."""
        self.authenticate(self.other.login, self.other.login)
        followup_id = self._create_over_rpc(self._vals(self.mine))
        followup = self.env["ps.customer.followup"].browse(followup_id)
        self.assertEqual(followup.partner_id, self.mine)
        self.assertEqual(followup.activity_id.user_id, self.other)
