from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsPaymentRequest(PsFinanceCommon):
    def _request(self, amount, user=None):
        return (
            self.env["ps.payment.request"]
            .with_user(user or self.pm)
            .create(
                {
                    "project_id": self.project.id,
                    "partner_id": self.supplier.id,
                    "category_id": self.outsourcing.id,
                    "amount": amount,
                    "description": "Survey field work",
                }
            )
        )

    def test_committed_until_bill_posted(self):
        """An approved request is committed; finance bills it; it is actual once the
        bill is posted."""
        request = self._request(800.0)
        self.assertFalse(self._ledger())
        request.action_submit()
        self.assertEqual(request.state, "submitted")  # within budget: finance approves
        with self.assertRaisesRegex(UserError, "waits for your decision"):
            request.with_user(self.pm).validate_tier()
        request.with_user(self.finance).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertEqual(self._ledger(), {("committed", self.outsourcing): 800.0})
        with self.assertRaises(UserError):
            request.with_user(self.pm).action_create_bill()
        request.with_user(self.finance).action_create_bill()
        self.assertEqual((request.state, request.move_id.state), ("billed", "draft"))
        self.assertEqual(self._ledger(), {("committed", self.outsourcing): 800.0})
        bill = request.move_id.with_user(self.finance)
        bill.invoice_date = "2026-02-01"
        bill.action_post()
        self.assertEqual(self._ledger(), {("actual", self.outsourcing): 800.0})
        with self.assertRaises(UserError):
            request.write({"amount": 1.0})

    def test_finance_bills_a_members_only_project_without_account(self):
        """Finance bills the request of a project it cannot see (members only)
        and that has no analytic account yet: the bill goes to a new account of
        the project, and finance still cannot read the project itself."""
        self.project.sudo().write({"privacy_visibility": "followers", "account_id": False})
        request = self._request(300.0)
        request.action_submit()
        request.with_user(self.finance).validate_tier()
        with self.assertRaises(AccessError):
            self.project.with_user(self.finance).check_access("read")
        request.with_user(self.finance).action_create_bill()
        account = self.project.sudo().account_id
        self.assertTrue(account)
        line = request.sudo().move_id.invoice_line_ids
        self.assertEqual(line.analytic_distribution, {str(account.id): 100})

    def test_over_budget_request_needs_extra_tier(self):
        """A request over the remaining budget of its category waits for the PMO tier."""
        self._budget(self.project, {self.outsourcing: 500.0})
        request = self._request(800.0)
        request.action_submit()
        self.assertTrue(request.ps_over_budget)
        self.assertEqual(request.state, "submitted")
        with self.assertRaises(UserError):
            request.with_user(self.finance).action_create_bill()
        request.with_user(self.pmo).validate_tier()
        self.assertEqual(request.state, "submitted")  # finance's approval is still missing
        request.with_user(self.finance).validate_tier()
        self.assertEqual(request.state, "approved")

    def test_amount_must_be_positive(self):
        """A request without a positive amount is refused with a clear message."""
        with self.assertRaisesRegex(Exception, "must be positive"):
            self._request(0.0)
