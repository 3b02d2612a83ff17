from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.ps_base.internal import is_system


class AccountAnalyticLine(models.Model):
    """The analytic lines of posted journal entries are the project ledger's
    actual costs and revenue: they change only through their journal entry
    (reset it to draft, correct it, post it again; or reverse it), never by
    editing, moving or deleting the line itself. Timesheets (no journal item)
    keep their own rules."""

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

    def write(self, vals):
        self._ps_check_not_posted_fact()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted_fact(self):
        self._ps_check_not_posted_fact()
