"""Rules that must hold when two users act at the same instant.

Each race runs two real transactions in two threads, each with its own cursor
and the acting user's environment, the way two RPC requests of a multi-worker
server would: both read the database first (their snapshot), meet at a
barrier, then act through ``odoo.service.model.retrying`` (what Odoo wraps
every RPC call in: serialization failures are retried on fresh data, integrity
errors become the constraint's message). The data is committed for the other
transaction to see it, so each test creates it itself and removes it after.
"""

import threading
from functools import partial

from odoo import Command, api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

ROUNDS = 4
SALES = ("base.group_user", "sales_team.group_sale_salesman")


@tagged("post_install", "-at_install")
class TestConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    # -- harness ----------------------------------------------------------------
    def _committed(self, func):
        """Run ``func(env)`` as superuser in its own committed transaction."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            result = func(env)
            cr.commit()  # pylint: disable=invalid-commit
            return result

    def _race(self, *actions):
        """Run each ``(uid, action)`` in its own thread and transaction at the
        same instant; ``action(env)`` is retried as Odoo retries an RPC call.
        Returns what each returned or raised."""
        barrier = threading.Barrier(len(actions))
        results = [None] * len(actions)

        def run(index, uid, action):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, uid, {})
                    env["res.users"].browse(uid).name  # noqa: B018 (snapshot taken)
                    barrier.wait(timeout=60)
                    results[index] = retrying(partial(action, env), env)
            except Exception as exc:  # noqa: BLE001 (reported to the test)
                results[index] = exc

        threads = [
            threading.Thread(target=run, args=(index, uid, action), name=f"race-{index}")
            for index, (uid, action) in enumerate(actions)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return results

    def _one_refused(self, results, exception, message):
        """Exactly one action succeeded; the other raised ``exception`` with
        ``message`` (never a raw database error)."""
        refused = [r for r in results if isinstance(r, BaseException)]
        self.assertEqual(len(refused), 1, results)
        self.assertIsInstance(refused[0], exception, repr(refused[0]))
        self.assertRegex(str(refused[0]), message)
        self.assertNotRegex(str(refused[0]), "violates|duplicate key|psycopg2|serialize")

    def _users(self, env, prefix, groups, count=2):
        return env["res.users"].create(
            [
                {
                    "name": f"{prefix} {i}",
                    "login": f"{prefix.lower().replace(' ', '_')}_{i}",
                    "groups_id": [Command.set([env.ref(g).id for g in groups])],
                }
                for i in range(1, count + 1)
            ]
        )

    def _drop_users(self, env, user_ids):
        users = env["res.users"].browse(user_ids)
        partners = users.partner_id
        users.unlink()
        partners.unlink()

    # -- 1. one customer, one owner ------------------------------------------------
    def test_same_customer_registered_twice_at_once(self):
        """Two salespeople register "X Ltd" and "X LIMITED" (and then two names
        with one tax ID) at the same instant: one customer, one owner, and the
        other is told the customer exists, every round."""
        users = self._committed(lambda env: self._users(env, "Race Sales", SALES).ids)

        def register(name, vat, env):
            partner = env["res.partner"].create(
                {"name": name, "vat": vat, "is_company": True, "ps_is_customer": True}
            )
            return partner.id

        created = []
        try:
            for round_ in range(ROUNDS):
                pairs = (
                    ((f"Racing {round_} Ltd", False), (f"RACING {round_} LIMITED", False)),
                    (
                        (f"Alpha {round_}", f"BE04774727{round_:02d}"),
                        (f"Beta {round_}", f"BE04774727{round_:02d}"),
                    ),
                )
                for first, second in pairs:
                    results = self._race(
                        (users[0], partial(register, *first)),
                        (users[1], partial(register, *second)),
                    )
                    created += [r for r in results if isinstance(r, int)]
                    self._one_refused(
                        results, ValidationError, "already registered|is already a customer"
                    )
            self.assertEqual(len(created), 2 * ROUNDS)
        finally:

            def cleanup(env):
                partners = env["res.partner"].browse(created)
                env["ps.customer.pool.log"].search([("partner_id", "in", partners.ids)]).unlink()
                partners.unlink()
                self._drop_users(env, users)

            self._committed(cleanup)

    # -- 2. the claim limit ------------------------------------------------------
    def test_claim_limit_holds_under_parallel_claims(self):
        """A salesperson one claim below the limit claims two pool customers
        from two sessions at once: she ends at the limit, the other claim is
        refused with the limit's message, every round."""

        def setup(env):
            company = env.ref("base.main_company")
            limit = company.ps_max_owned_customers
            company.ps_max_owned_customers = 2
            user = self._users(env, "Race Claimer", SALES, count=1)
            owned = env["res.partner"].create(
                {
                    "name": "Race Owned",
                    "is_company": True,
                    "ps_is_customer": True,
                    "user_id": user.id,
                    "company_id": company.id,
                }
            )
            return limit, user.id, owned.id

        limit, user, owned = self._committed(setup)

        def claim(partner_id, env):
            env["res.partner"].browse(partner_id).action_ps_claim()
            return partner_id

        pooled = []
        try:
            for round_ in range(ROUNDS):
                pair = self._committed(
                    lambda env, r=round_: env["res.partner"]
                    .create(
                        [
                            {
                                "name": f"Race Pool {r} {i}",
                                "is_company": True,
                                "ps_is_customer": True,
                                "user_id": False,
                            }
                            for i in (1, 2)
                        ]
                    )
                    .ids
                )
                pooled += pair
                results = self._race(
                    (user, partial(claim, pair[0])), (user, partial(claim, pair[1]))
                )
                self._one_refused(results, UserError, "the limit is 2")
                owners = self._committed(
                    lambda env, ids=pair: env["res.partner"].browse(ids).mapped("user_id").ids
                )
                self.assertEqual(owners, [user])
                # release the claimed one for the next round
                self._committed(
                    lambda env, ids=pair: env["res.partner"]
                    .browse(ids)
                    .filtered("user_id")
                    .write({"user_id": False})
                )
        finally:

            def cleanup(env):
                env.ref("base.main_company").ps_max_owned_customers = limit
                partners = env["res.partner"].browse([owned, *pooled])
                env["ps.customer.pool.log"].search([("partner_id", "in", partners.ids)]).unlink()
                partners.unlink()
                self._drop_users(env, [user])

            self._committed(cleanup)

    # -- 3. budget control -------------------------------------------------------
    def test_budget_review_requested_under_parallel_submissions(self):
        """Two payment requests of 600 against 1,000 left are submitted at the
        same instant: one waits for finance only (within budget), the other for
        finance and the PMO's over-budget review (never both within budget,
        never a raw error), every round."""
        outsourcing = "ps_expense_finance.ps_cost_category_outsourcing"

        def setup(env):
            groups = ("base.group_user", "project.group_project_user")
            pm = self._users(env, "Race PM", groups, count=1)
            supplier = env["res.partner"].create({"name": "Race supplier"})
            return pm.id, supplier.id

        def round_data(env, round_):
            project = env["project.project"].create({"name": f"Race {round_}", "user_id": pm})
            budget = env["ps.project.budget"].create(
                {
                    "project_id": project.id,
                    "line_ids": [
                        Command.create({"category_id": env.ref(outsourcing).id, "amount": 1000})
                    ],
                }
            )
            budget._ps_approve()
            requests = (
                env["ps.payment.request"]
                .with_user(pm)
                .create(
                    [
                        {
                            "project_id": project.id,
                            "partner_id": supplier,
                            "category_id": env.ref(outsourcing).id,
                            "amount": 600.0,
                            "description": f"Race {round_} {i}",
                        }
                        for i in (1, 2)
                    ]
                )
            )
            return project.id, budget.id, requests.ids

        def submit(request_id, env):
            env["ps.payment.request"].browse(request_id).action_submit()
            return request_id

        pm, supplier = self._committed(setup)
        rounds = []
        try:
            for round_ in range(ROUNDS):
                project, budget, pair = self._committed(partial(round_data, round_=round_))
                rounds.append((project, budget, pair))
                results = self._race((pm, partial(submit, pair[0])), (pm, partial(submit, pair[1])))
                self.assertEqual(sorted(results), sorted(pair), results)
                outcome = self._committed(
                    lambda env, ids=pair: sorted(
                        (r.state, r.ps_over_budget, len(r.review_ids))
                        for r in env["ps.payment.request"].browse(ids)
                    )
                )
                self.assertEqual(outcome, [("submitted", False, 1), ("submitted", True, 2)])
        finally:

            def cleanup(env):
                cr = env.cr
                for project, budget, pair in rounds:
                    cr.execute(
                        "DELETE FROM tier_review WHERE model = 'ps.payment.request' "
                        "AND res_id = ANY(%s)",
                        [pair],
                    )
                    # the overrun alerts (with their chatter and activities, which
                    # would point at deleted records in the approvers' inboxes)
                    env["ps.budget.alert"].search([("budget_id", "=", budget)]).unlink()
                    for model, ids in (
                        ("ps.payment.request", pair),
                        ("ps.project.budget", [budget]),
                    ):
                        cr.execute(
                            "DELETE FROM mail_activity WHERE res_model = %s AND res_id = ANY(%s)",
                            [model, ids],
                        )
                        cr.execute(
                            "DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)",
                            [model, ids],
                        )
                    cr.execute("DELETE FROM ps_payment_request WHERE id = ANY(%s)", [pair])
                    cr.execute("DELETE FROM ps_project_budget_line WHERE budget_id = %s", [budget])
                    cr.execute("DELETE FROM ps_project_budget WHERE id = %s", [budget])
                    env.invalidate_all()
                    env["project.project"].browse(project).unlink()
                env["res.partner"].browse(supplier).unlink()
                self._drop_users(env, [pm])

            self._committed(cleanup)
