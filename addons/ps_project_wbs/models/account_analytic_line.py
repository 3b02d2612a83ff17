from odoo import api, models


class AccountAnalyticLine(models.Model):
    """Time is not logged on a closed project (DR4): neither new timesheets
    nor changes to existing ones, nor moving time onto it."""

    _inherit = "account.analytic.line"

    @api.model_create_multi
    def create(self, vals_list):
        project_ids = {vals["project_id"] for vals in vals_list if vals.get("project_id")}
        self.env["project.project"].browse(project_ids)._ps_check_open(self.env._("log time"))
        return super().create(vals_list)

    def write(self, vals):
        if vals.keys() & {"project_id", "task_id", "unit_amount", "date", "employee_id"}:
            projects = self.project_id
            if vals.get("project_id"):
                projects |= self.env["project.project"].browse(vals["project_id"])
            projects._ps_check_open(self.env._("change its timesheets"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_project(self):
        self.project_id._ps_check_open(self.env._("delete its timesheets"))
