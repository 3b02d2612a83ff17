"""Attacks on finance's controls through the roles' own rights, over JSON-RPC
(as a hostile client would send them) and with forged contexts: each is
refused and leaves nothing changed."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import PsFinanceCommon

# Every context key the suite or base_tier_validation ever read to let a write
# through: a client can send them all, none may change what the user may do.
FORGED = {
    "ps_internal": True,
    "ps_finance_internal": True,
    "ps_period_internal": True,
    "ps_contract_internal": True,
    "skip_validation_check": True,
    "skip_check_state_condition": True,
}


@tagged("post_install", "-at_install")
class TestPsFinanceControls(HttpCase, PsFinanceCommon):
    def _rpc(self, user, model, method, args, **kwargs):
        """Call ``model.method(*args)`` through /web/dataset/call_kw as ``user``
        with every forged context key."""
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {"context": FORGED, **kwargs},
            },
        )

    def _refused(self, user, model, method, args, error="AccessError", **kwargs):
        with self.assertRaises(JsonRpcException, msg=f"{model}.{method}") as caught:
            self._rpc(user, model, method, args, **kwargs)
        self.assertIn(error, str(caught.exception))

    def _submitted_revision(self):
        """Her project's budget v1 approved, v2 (+5,000) submitted by the PM to
        the PMO's review."""
        v1 = self._budget(self.project, {self.travel: 1000.0})
        action = v1.with_user(self.pm).action_new_version()
        v2 = self.env["ps.project.budget"].browse(action["res_id"])
        v2.line_ids.with_user(self.pm).amount = 6000.0
        v2.with_user(self.pm).action_submit()
        self.assertEqual(v2.state, "submitted")
        self.assertTrue(v2.review_ids)
        self.assertNotIn(self.pm, v2.review_ids.reviewer_ids)
        return v1, v2

    def test_pm_cannot_approve_the_pmo_review_of_her_budget(self):
        """The PM writes 'approved' on the PMO's review of her own budget
        revision, creates an approved review, deletes the review, then validates:
        all refused, the revision still waits for the PMO and v1 stays current."""
        v1, v2 = self._submitted_revision()
        review = v2.review_ids
        self._refused(self.pm, "tier.review", "write", [review.ids, {"status": "approved"}])
        self._refused(
            self.pm,
            "tier.review",
            "create",
            [
                {
                    "model": v2._name,
                    "res_id": v2.id,
                    "definition_id": review.definition_id.id,
                    "status": "approved",
                }
            ],
        )
        self._refused(self.pm, "tier.review", "unlink", [review.ids])
        # the validation API approves only her own reviews: none here
        self._refused(self.pm, "ps.project.budget", "validate_tier", [v2.ids], error="UserError")
        review.invalidate_recordset()
        v2.invalidate_recordset()
        self.assertEqual(review.status, "pending")
        self.assertEqual(len(v2.review_ids), 1)
        self.assertEqual((v1.state, v2.state), ("approved", "submitted"))
        # the PMO decides it through the API
        v2.with_user(self.pmo).validate_tier()
        self.assertEqual((v1.state, v2.state), ("superseded", "approved"))
        self.assertEqual(review.done_by, self.pmo)

    def test_reviews_of_unreadable_documents_are_hidden(self):
        """A member of another project neither finds nor reads the reviews of
        this project's budget (search, read by id, read_group)."""
        _v1, v2 = self._submitted_revision()
        review = v2.review_ids
        outsider = self.other_pm
        Review = self.env["tier.review"].with_user(outsider)
        self.assertFalse(Review.search([("id", "=", review.id)]))
        self.assertFalse(Review.search_count([("model", "=", v2._name)]))
        self.assertFalse(Review._read_group([("res_id", "=", v2.id)], [], ["__count"])[0][0])
        with self.assertRaises(AccessError):
            Review.browse(review.id).read(["status"])
        # the PMO who reviews it, and the PM who asked, see it
        self.assertEqual(self.env["tier.review"].with_user(self.pmo).search([]) & review, review)
        self.assertEqual(self.env["tier.review"].with_user(self.pm).search([]) & review, review)

    def test_forged_context_cannot_approve_a_payment_request(self):
        """A member's 900,000 payment request is over budget and goes to review;
        over RPC with every internal key forged he cannot write it approved."""
        self._budget(self.project, {self.outsourcing: 1000.0})
        request = (
            self.env["ps.payment.request"]
            .with_user(self.pm)
            .create(
                {
                    "project_id": self.project.id,
                    "partner_id": self.supplier.id,
                    "category_id": self.outsourcing.id,
                    "amount": 900000.0,
                    "description": "Survey field work",
                }
            )
        )
        request.with_user(self.pm).action_submit()
        self.assertEqual(request.state, "submitted")
        for vals in ({"state": "approved"}, {"amount": 10.0}):
            self._refused(self.pm, "ps.payment.request", "write", [request.ids, vals], "Error")
        request.invalidate_recordset()
        self.assertEqual((request.state, request.amount), ("submitted", 900000.0))

    def test_forged_context_cannot_edit_an_approved_budget(self):
        """The PM edits a line, the note and the state of an approved budget,
        and a line of a revision under review, with every key forged: refused."""
        v1, v2 = self._submitted_revision()
        for record, vals in (
            (v1.line_ids, {"amount": 1.0}),
            (v1, {"note": "rewritten"}),
            (v1, {"state": "draft"}),
            (v2.line_ids, {"amount": 1.0}),
        ):
            self._refused(self.pm, record._name, "write", [record.ids, vals], "Error")
        self._refused(self.pm, v1.line_ids._name, "unlink", [v1.line_ids.ids], "Error")
        (v1 | v2).invalidate_recordset()
        (v1 | v2).line_ids.invalidate_recordset()
        self.assertEqual((v1.state, v1.amount_total, v1.note), ("approved", 1000.0, False))
        self.assertEqual((v2.state, v2.amount_total), ("submitted", 6000.0))

    def test_closed_month_cannot_be_rewritten(self):
        """Finance rewrites, adds and deletes lines of a closed month's snapshot
        and reopens it, with every key forged: refused, the snapshot unchanged."""
        self._budget(self.project, {self.outsourcing: 5000.0})
        self._bill(300.0, category=self.outsourcing)  # dated 2026-01-15
        period = self.env["ps.project.period"].create(
            {"project_id": self.project.id, "date_start": "2026-01-01"}
        )
        period.with_user(self.finance).action_close()
        line = period.line_ids.filtered(lambda li: li.category_id == self.outsourcing)
        self.assertEqual(line.cost_to_date, 300.0)
        self._refused(self.finance, period._name, "write", [period.ids, {"state": "open"}], "Error")
        self._refused(
            self.finance, period._name, "write", [period.ids, {"cost_to_date": 0.0}], "Error"
        )
        self._refused(self.finance, line._name, "write", [line.ids, {"cost_to_date": 0}], "Error")
        self._refused(self.finance, line._name, "unlink", [line.ids], "Error")
        self._refused(
            self.finance,
            line._name,
            "create",
            [{"period_id": period.id, "category_id": self.travel.id, "cost_to_date": 9.0}],
            "Error",
        )
        with self.assertRaises(UserError):
            period.line_ids.with_user(self.finance).unlink()
        period.invalidate_recordset()
        self.assertEqual(period.state, "closed")
        self.assertEqual(period.line_ids, line)
        self.assertEqual((period.cost_to_date, line.cost_to_date), (300.0, 300.0))

    def test_pm_cannot_mute_her_budget_alerts(self):
        """The thresholds that alert on the PM's spending are the PMO's and
        finance's: the PM cannot raise them, the PMO can (the form shows them
        read-only to her)."""
        self.assertFalse(self.project.with_user(self.pm).ps_can_set_thresholds)
        self.assertTrue(self.project.with_user(self.pmo).ps_can_set_thresholds)
        project = self.project.with_user(self.pm)
        with self.assertRaises(AccessError):
            project.write({"ps_budget_warning_pct": 500.0, "ps_budget_overrun_pct": 900.0})
        self._refused(
            self.pm, "project.project", "write", [self.project.ids, {"ps_budget_overrun_pct": 900}]
        )
        self.project.invalidate_recordset()
        self.assertEqual(
            (self.project.ps_budget_warning_pct, self.project.ps_budget_overrun_pct), (80.0, 100.0)
        )
        self.project.with_user(self.pmo).write(
            {"ps_budget_warning_pct": 90.0, "ps_budget_overrun_pct": 120.0}
        )
        self.assertEqual(
            (self.project.ps_budget_warning_pct, self.project.ps_budget_overrun_pct), (90.0, 120.0)
        )

    def test_comment_wizard_only_comments_own_reviews(self):
        """The comment wizard's reviews come from the client: the PM cannot put
        a comment on (or decide) the PMO's review through it."""
        _v1, v2 = self._submitted_revision()
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.pm)
            .create(
                {
                    "res_model": v2._name,
                    "res_id": v2.id,
                    "validate_reject": "validate",
                    "review_ids": [Command.set(v2.review_ids.ids)],
                    "comment": "Approved by myself",
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.add_comment()
        v2.review_ids.invalidate_recordset()
        self.assertEqual((v2.review_ids.status, v2.review_ids.comment), ("pending", False))
        self.assertEqual(v2.state, "submitted")

    def test_budget_of_nothing_is_not_submitted(self):
        """A budget whose only line is 0 is refused at submission, stays a draft."""
        budget = (
            self.env["ps.project.budget"]
            .with_user(self.pm)
            .create(
                {
                    "project_id": self.project.id,
                    "line_ids": [Command.create({"category_id": self.travel.id, "amount": 0.0})],
                }
            )
        )
        with self.assertRaisesRegex(UserError, "adds up to nothing"):
            budget.action_submit()
        self.assertEqual((budget.state, budget.review_ids.ids), ("draft", []))

    def test_posted_bill_analytic_lines_change_only_through_the_bill(self):
        """Finance and the administrator edit the amount of a posted bill's
        analytic line, move it to another project's account, or delete it:
        refused, the ledger unchanged. Resetting the bill to draft is the way
        (the ledger then shows no actual cost)."""
        bill = self._bill(300.0, category=self.outsourcing)
        line = bill.line_ids.analytic_line_ids
        self.assertEqual(len(line), 1)
        ledger = self._ledger()
        self.assertEqual(ledger, {("actual", self.outsourcing): 300.0})
        other_account = self.other_project.account_id
        self.assertTrue(other_account)
        admin = self.env.ref("base.user_admin")
        admin.company_ids = [Command.link(line.company_id.id)]
        for user in (self.finance, admin):
            as_user = line.with_user(user).with_company(line.company_id)
            for vals in ({"amount": -1.0}, {"account_id": other_account.id}):
                with self.assertRaisesRegex(UserError, "changes only through that entry"):
                    as_user.write(vals)
            with self.assertRaises(UserError):  # the administrator has no unlink right at all
                as_user.unlink()
        self.assertEqual(self._ledger(), ledger)
        bill.with_user(self.finance).button_draft()
        self.assertFalse(line.exists())
        self.assertFalse(self._ledger().get(("actual", self.outsourcing)))
