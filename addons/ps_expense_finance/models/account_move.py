from odoo import fields, models

from odoo.addons.ps_base.internal import internal


class AccountMove(models.Model):
    _inherit = "account.move"

    ps_payment_request_id = fields.Many2one(
        "ps.payment.request",
        string="Payment Request",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )

    def button_draft(self):
        # Resetting the entry is the way its analytic lines (the ledger's facts)
        # change: Odoo deletes them here, past their guard (account.analytic.line),
        # but not in a closed month of their project (checked as the user).
        self.line_ids.analytic_line_ids._ps_check_month_open()
        return super(AccountMove, internal(self)).button_draft()

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # Immediate overrun check of the projects the posted entries cost to.
        posted._ps_projects()._ps_check_budget_overrun()
        return posted

    def _ps_projects(self):
        """Projects whose analytic account is in the distribution of these entries."""
        account_ids = set()
        for line in self.line_ids:
            for key in line.analytic_distribution or {}:
                account_ids.update(int(a) for a in str(key).split(",") if a.isdigit())
        if not account_ids:
            return self.env["project.project"]
        # sudo: the poster (finance) need not read every project; only ids are used
        return (
            self.env["project.project"]
            .sudo()
            .with_context(active_test=False)
            .search([("account_id", "in", list(account_ids))])
        )


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    ps_cost_category_id = fields.Many2one(
        "ps.cost.category",
        string="Project Cost Category",
        index="btree_not_null",
        ondelete="restrict",
        help="Category of the project cost, when it is not the one of the product or account.",
    )
