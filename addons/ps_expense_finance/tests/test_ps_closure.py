from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsClosure(PsFinanceCommon):
    """DR4, the money side: a project closes with no payment request open and no
    cost still committed; once closed, it takes no more costs."""

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

    def _problems(self):
        return " | ".join(self.project.sudo()._ps_closure_problems())

    def test_closure_waits_for_open_requests_and_committed_costs(self):
        request = self._request(500.0)
        self.assertIn("payment requests not settled: " + request.name, self._problems())
        request.action_submit()
        request.with_user(self.finance).validate_tier()
        self.assertEqual(request.state, "approved")
        problems = self._problems()
        self.assertIn("payment requests not settled", problems)
        self.assertIn("500.00", problems)
        self.assertIn("committed but not posted", problems)
        with self.assertRaisesRegex(UserError, "payment requests not settled"):
            self.project.sudo()._ps_check_can_close()
        request.with_user(self.finance).action_create_bill()
        bill = request.move_id.with_user(self.finance)
        bill.invoice_date = "2026-02-01"
        bill.action_post()
        problems = self._problems()
        self.assertNotIn("payment requests not settled", problems)
        self.assertNotIn("committed but not posted", problems)

    def test_a_closed_project_takes_no_more_costs(self):
        # its closure was approved (the closure flow itself is ps_project_wbs's test)
        self.env.cr.execute(
            "UPDATE project_project SET ps_phase = 'closing' WHERE id = %s", [self.project.id]
        )
        self.project.invalidate_recordset(["ps_phase"])
        with self.assertRaisesRegex(UserError, "is closed: you cannot request payments"):
            self._request(100.0)
        with self.assertRaisesRegex(UserError, "is closed: you cannot claim expenses"):
            self.env["hr.expense"].with_user(self.member).create(
                {
                    "name": "Late taxi",
                    "employee_id": self.employee.id,
                    "product_id": self.product_travel.id,
                    "total_amount_currency": 30.0,
                    "tax_ids": [Command.clear()],
                    "ps_project_id": self.project.id,
                    "ps_cost_category_id": self.travel.id,
                }
            )
        with self.assertRaisesRegex(UserError, "is closed: you cannot log time"):
            self.env["account.analytic.line"].with_user(self.member).create(
                {
                    "name": "Late work",
                    "project_id": self.project.id,
                    "employee_id": self.employee.id,
                    "unit_amount": 1.0,
                }
            )
        self.assertFalse(
            self.env["ps.payment.request"].search([("project_id", "=", self.project.id)])
        )
        self.assertFalse(self.env["hr.expense"].search([("ps_project_id", "=", self.project.id)]))
