from odoo import Command, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name


@tagged("post_install", "-at_install")
class TestCollectionConcurrency(BaseCase):
    """Two finance users confirm the same collection at the same time, each in
    its own transaction: exactly one confirmation is recorded.

    The data must be committed for the second transaction to see it, so this
    test creates it with its own cursor and deletes it at the end.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def _setup_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            finance_group = env.ref("ps_contract.group_ps_finance")
            users = env["res.users"].create(
                [
                    {
                        "name": f"Concurrent Finance {i}",
                        "login": f"ps_ct_concurrent_finance_{i}",
                        "groups_id": [
                            Command.set([env.ref("base.group_user").id, finance_group.id])
                        ],
                    }
                    for i in (1, 2)
                ]
            )
            partner = env["res.partner"].create({"name": "Concurrent Customer"})
            product = env["product.product"].create(
                {
                    "name": "Concurrent service",
                    "type": "service",
                    "list_price": 100,
                    "taxes_id": [Command.clear()],
                }
            )
            contract = env["ps.contract"].create(
                {
                    "title": "Concurrency",
                    "partner_id": partner.id,
                    "line_ids": [Command.create({"product_id": product.id, "quantity": 1})],
                    "milestone_ids": [
                        Command.create({"name": "All", "percentage": 100, "date_due": "2026-01-31"})
                    ],
                }
            )
            contract.action_submit_review()
            contract.with_user(env.ref("base.user_admin")).validate_tier()  # a sales director
            contract.action_sign()
            # paid before any invoice: an advance (confirming it posts a payment)
            collection = env["ps.contract.collection"].create(
                {
                    "contract_id": contract.id,
                    "amount": 100,
                    "date": "2026-01-15",
                    "is_advance": True,
                }
            )
            cr.commit()  # pylint: disable=invalid-commit
            return {
                "users": users.ids,
                "partner": partner.id,
                "product": product.id,
                "contract": contract.id,
                "collection": collection.id,
            }

    def _cleanup(self, ids):
        with self.registry.cursor() as cr:
            # Confirmed collections refuse deletion by design: remove the test's
            # own rows directly.
            cr.execute(
                "DELETE FROM mail_message WHERE (model = 'ps.contract' AND res_id = %s) "
                "OR (model = 'ps.contract.collection' AND res_id = %s)",
                [ids["contract"], ids["collection"]],
            )
            cr.execute(
                "DELETE FROM ps_contract_collection WHERE contract_id = %s", [ids["contract"]]
            )
            # the confirmed collection's payment in Accounting
            cr.execute(
                "UPDATE account_payment SET move_id = NULL WHERE partner_id = %s", [ids["partner"]]
            )
            cr.execute("DELETE FROM account_move WHERE partner_id = %s", [ids["partner"]])
            cr.execute("DELETE FROM account_payment WHERE partner_id = %s", [ids["partner"]])
            cr.execute(
                "DELETE FROM ps_contract_milestone WHERE contract_id = %s", [ids["contract"]]
            )
            cr.execute("DELETE FROM ps_contract_line WHERE contract_id = %s", [ids["contract"]])
            cr.execute("DELETE FROM ps_contract WHERE id = %s", [ids["contract"]])
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
            users = env["res.users"].browse(ids["users"])
            user_partners = users.partner_id
            users.unlink()
            (user_partners | env["res.partner"].browse(ids["partner"])).unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def test_concurrent_confirmations_yield_one(self):
        """Two transactions confirm the same collection: one wins, the other is
        refused with a clear message, and one confirmation exists in the end."""
        ids = self._setup_data()
        try:
            cr1, cr2 = self.registry.cursor(), self.registry.cursor()
            try:
                env1 = api.Environment(cr1, ids["users"][0], {})
                env2 = api.Environment(cr2, ids["users"][1], {})
                col1 = env1["ps.contract.collection"].browse(ids["collection"])
                col2 = env2["ps.contract.collection"].browse(ids["collection"])
                # Both transactions read the collection as recorded.
                self.assertEqual(col1.state, "recorded")
                self.assertEqual(col2.state, "recorded")
                col1.action_confirm()
                env1.flush_all()
                with self.assertRaisesRegex(UserError, "confirming this collection right now"):
                    col2.action_confirm()
                cr1.commit()
                cr2.rollback()
                # Retried after the first one committed: already confirmed.
                env2.invalidate_all()
                with self.assertRaisesRegex(UserError, "already confirmed"):
                    col2.action_confirm()
                cr2.commit()
            finally:
                cr1.close()
                cr2.close()
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT state, confirmed_by_id FROM ps_contract_collection WHERE id = %s",
                    [ids["collection"]],
                )
                self.assertEqual(cr.fetchall(), [("confirmed", ids["users"][0])])
                cr.execute(
                    "SELECT amount_collected FROM ps_contract WHERE id = %s", [ids["contract"]]
                )
                self.assertEqual(cr.fetchone()[0], 100)
        finally:
            self._cleanup(ids)
