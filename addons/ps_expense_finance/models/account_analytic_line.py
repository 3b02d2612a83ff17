from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.ps_base.internal import is_system

# What a line's figures in the project ledger depend on: changing one of these
# on a line dated in a closed month (or moving a line into one) is refused.
PS_LEDGER_FIELDS = {
    "account_id",
    "amount",
    "company_id",
    "date",
    "employee_id",
    "general_account_id",
    "move_line_id",
    "product_id",
    "project_id",
    "task_id",
    "unit_amount",
}


class AccountAnalyticLine(models.Model):
    """The analytic lines of posted journal entries are the project ledger's
    actual costs and revenue: they change only through their journal entry
    (reset it to draft, correct it, post it again; or reverse it), never by
    editing, moving or deleting the line itself. Timesheets (no journal item)
    keep their own rules. No line (timesheet or posted cost) is recorded,
    changed or deleted on a day of a closed month of its project."""

    _inherit = "account.analytic.line"

    def _ps_check_not_posted_fact(self):
        if is_system(self.env):
            return
        posted = self.filtered(lambda line: line.move_line_id.parent_state == "posted")
        if posted:
            raise UserError(
                self.env._(
                    "%(line)s belongs to the posted entry %(move)s: it changes only through "
                    "that entry (reset it to draft or reverse it).",
                    line=posted[0].name or posted[0].display_name,
                    move=posted[0].move_line_id.move_id.display_name,
                )
            )

    def _ps_check_month_open(self):
        # As superuser: the lock holds whoever reads the line's project.
        lines = self.sudo()
        self.env["ps.project.period"]._ps_check_month_open(
            (line.project_id.id, line.account_id.id, line.date) for line in lines
        )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._ps_check_month_open()
        return lines

    def write(self, vals):
        self._ps_check_not_posted_fact()
        guarded = PS_LEDGER_FIELDS & set(vals)
        if guarded:
            self._ps_check_month_open()  # moving a line out of a closed month
        res = super().write(vals)
        if guarded:
            self._ps_check_month_open()  # moving a line into a closed month
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted_fact(self):
        self._ps_check_not_posted_fact()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_month(self):
        self._ps_check_month_open()
