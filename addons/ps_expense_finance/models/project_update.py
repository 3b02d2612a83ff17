import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.ps_base.internal import is_system

_logger = logging.getLogger(__name__)

RAG = [("green", "Green"), ("amber", "Amber"), ("red", "Red")]
RAG_ORDER = {"green": 0, "amber": 1, "red": 2}
# The status of Odoo's project update a RAG rating proposes.
RAG_STATUS = {"green": "on_track", "amber": "at_risk", "red": "off_track"}
# Thresholds of the ratings (see the fields' help).
INDEX_AMBER, INDEX_RED = 0.95, 0.8
SLIP_RED_DAYS = 10
RISK_AMBER, RISK_RED = 8, 15
# The phases a project reports its status in, weekly.
REPORTING_PHASES = ("planning", "execution", "monitoring")
# The earned-value figures shown and the snapshot each one reads.
EV_FIELDS = {
    "ps_ev_budget": "ps_snap_budget",
    "ps_ev_planned_value": "ps_snap_pv",
    "ps_ev_earned_value": "ps_snap_ev",
    "ps_ev_actual_cost": "ps_snap_ac",
    "ps_ev_eac": "ps_snap_eac",
    "ps_ev_cpi": "ps_snap_cpi",
    "ps_ev_spi": "ps_snap_spi",
}


class ProjectUpdate(models.Model):
    """A weekly status report on Odoo's own project update: its schedule, cost
    and risk ratings (red, amber, green) and the project's earned value as the
    report was written. The figures are a snapshot: they do not move once the
    report is filed. The manager's status proposal follows the worst rating;
    the manager may still choose another (their judgement is the report's)."""

    _inherit = "project.update"

    ps_schedule_rag = fields.Selection(
        RAG,
        string="Schedule",
        readonly=True,
        help="Red: SPI below 0.8 or a task more than 10 days past its baseline; amber: "
        "SPI below 0.95 or any slip; green otherwise.",
    )
    ps_cost_rag = fields.Selection(
        RAG,
        string="Cost",
        readonly=True,
        help="Red: CPI below 0.8 or costs at the budget alert threshold; amber: CPI below "
        "0.95 or costs at the warning threshold; green otherwise.",
    )
    ps_risk_rag = fields.Selection(
        RAG,
        string="Risk",
        readonly=True,
        help="Red: an open risk scored 15 or more; amber: one scored 8 or more; green otherwise.",
    )
    ps_rag = fields.Selection(
        RAG, string="RAG", readonly=True, index=True, help="The worst of the three ratings."
    )
    ps_currency_id = fields.Many2one(related="project_id.company_id.currency_id")
    # The earned value as the report was filed: stored for the system only,
    # shown (below) to whoever may read the project's finance, as its P&L.
    ps_snap_budget = fields.Monetary(
        string="Filed BAC", currency_field="ps_currency_id", groups="base.group_system"
    )
    ps_snap_pv = fields.Monetary(
        string="Filed PV", currency_field="ps_currency_id", groups="base.group_system"
    )
    ps_snap_ev = fields.Monetary(
        string="Filed EV", currency_field="ps_currency_id", groups="base.group_system"
    )
    ps_snap_ac = fields.Monetary(
        string="Filed AC", currency_field="ps_currency_id", groups="base.group_system"
    )
    ps_snap_eac = fields.Monetary(
        string="Filed EAC", currency_field="ps_currency_id", groups="base.group_system"
    )
    ps_snap_cpi = fields.Float(string="Filed CPI", digits=(16, 2), groups="base.group_system")
    ps_snap_spi = fields.Float(string="Filed SPI", digits=(16, 2), groups="base.group_system")
    ps_ev_budget = fields.Monetary(
        string="BAC", compute="_compute_ps_ev", currency_field="ps_currency_id"
    )
    ps_ev_planned_value = fields.Monetary(
        string="PV", compute="_compute_ps_ev", currency_field="ps_currency_id"
    )
    ps_ev_earned_value = fields.Monetary(
        string="EV", compute="_compute_ps_ev", currency_field="ps_currency_id"
    )
    ps_ev_actual_cost = fields.Monetary(
        string="AC", compute="_compute_ps_ev", currency_field="ps_currency_id"
    )
    ps_ev_eac = fields.Monetary(
        string="EAC", compute="_compute_ps_ev", currency_field="ps_currency_id"
    )
    ps_ev_cpi = fields.Float(string="CPI", compute="_compute_ps_ev", digits=(16, 2))
    ps_ev_spi = fields.Float(string="SPI", compute="_compute_ps_ev", digits=(16, 2))
    ps_schedule_variance_days = fields.Integer(string="Slip (Days)", readonly=True)
    ps_high_risk_count = fields.Integer(string="High Risks", readonly=True)

    @api.depends_context("uid")
    def _compute_ps_ev(self):
        # sudo: the snapshot is shown only to who may read the project's P&L
        readable = self.project_id._ps_finance_readable()
        for update, snap in zip(self, self.sudo(), strict=True):
            shown = update.project_id in readable
            for name, source in EV_FIELDS.items():
                update[name] = snap[source] if shown else 0.0

    @api.model
    def default_get(self, fields_list):
        result = super().default_get(fields_list)
        project = self.env["project.project"].browse(result.get("project_id"))
        if project and "status" in fields_list and not self.env.context.get("default_status"):
            result["status"] = RAG_STATUS[self._ps_ratings(project)["ps_rag"]]
        return result

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            # the ratings and figures are the project's, never typed in
            vals_list = [
                {key: value for key, value in vals.items() if key not in self._ps_snapshot()}
                for vals in vals_list
            ]
        updates = super().create(vals_list)
        for update in updates:
            # sudo: the snapshot is the system's, whoever files the report
            update.sudo().write(self._ps_ratings(update.project_id))
        # the weekly request of these projects' managers is answered
        activity_type = self.env.ref(
            "ps_expense_finance.mail_activity_type_status_report", raise_if_not_found=False
        )
        if activity_type:
            self.env["mail.activity"].sudo().search(
                [
                    ("res_model", "=", "project.project"),
                    ("res_id", "in", updates.project_id.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            ).action_feedback(feedback=self.env._("Status report filed."))
        return updates

    def write(self, vals):
        if self._ps_snapshot() & vals.keys() and not is_system(self.env):
            raise AccessError(
                self.env._(
                    "The ratings and figures of a status report are taken from the project "
                    "when it is filed: they cannot be changed."
                )
            )
        return super().write(vals)

    @api.model
    def _ps_snapshot(self):
        return {
            name for name in self._fields if name.startswith("ps_") and name != "ps_currency_id"
        }

    @api.model
    def _ps_ratings(self, project):
        """The ratings and earned-value figures of ``project`` now, as the
        values of a status report."""
        project = project.sudo()
        pnl = self.env["ps.project.pnl"].sudo().browse(project.id)
        self.env.flush_all()  # the P&L is a view over other models' tables
        pnl.invalidate_recordset()
        cpi, spi = pnl.cpi, pnl.spi
        slip = project.ps_schedule_variance_days
        if (pnl.planned_value and spi < INDEX_RED) or slip > SLIP_RED_DAYS:
            schedule = "red"
        elif (pnl.planned_value and spi < INDEX_AMBER) or slip > 0:
            schedule = "amber"
        else:
            schedule = "green"
        consumed = project.ps_budget_consumed_pct
        if (pnl.actual_cost and cpi < INDEX_RED) or (
            project.ps_budget_ids and consumed >= project.ps_budget_overrun_pct
        ):
            cost = "red"
        elif (pnl.actual_cost and cpi < INDEX_AMBER) or (
            project.ps_budget_ids and consumed >= project.ps_budget_warning_pct
        ):
            cost = "amber"
        else:
            cost = "green"
        scores = project.ps_risk_ids.filtered(lambda r: r.state != "closed").mapped("score")
        top = max(scores, default=0)
        risk = "red" if top >= RISK_RED else "amber" if top >= RISK_AMBER else "green"
        return {
            "ps_schedule_rag": schedule,
            "ps_cost_rag": cost,
            "ps_risk_rag": risk,
            "ps_rag": max((schedule, cost, risk), key=RAG_ORDER.get),
            "ps_snap_budget": pnl.budget_cost,
            "ps_snap_pv": pnl.planned_value,
            "ps_snap_ev": pnl.earned_value,
            "ps_snap_ac": pnl.actual_cost,
            "ps_snap_eac": pnl.eac_cpi,
            "ps_snap_cpi": cpi,
            "ps_snap_spi": spi,
            "ps_schedule_variance_days": slip,
            "ps_high_risk_count": len([s for s in scores if s >= RISK_RED]),
        }

    @api.model
    def _cron_ps_request_status_reports(self, batch_size=500):
        """Ask each manager of a project under way for its weekly status
        report: an activity on the project, unless one is already open or a
        report was filed in the last seven days. Running it again asks nothing
        more; a failing project is logged and does not stop the others."""
        activity_type = self.env.ref("ps_expense_finance.mail_activity_type_status_report")
        today = fields.Date.context_today(self)
        Project = self.env["project.project"].sudo()
        projects = Project.search(
            [
                ("ps_phase", "in", REPORTING_PHASES),
                ("user_id", "!=", False),
                "|",
                ("last_update_id", "=", False),
                ("last_update_id.date", "<", today - timedelta(days=6)),
            ],
            order="id",
        )
        asked = {
            res_id
            for (res_id,) in self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", "project.project"),
                    ("res_id", "in", projects.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        done = Project
        for project in projects.filtered(lambda p: p.id not in asked)[:batch_size]:
            try:
                with self.env.cr.savepoint():
                    project.activity_schedule(
                        activity_type_id=activity_type.id,
                        user_id=project.user_id.id,
                        date_deadline=today + timedelta(days=2),
                        summary=self.env._("Weekly status report"),
                    )
                    done |= project
            except Exception:  # pylint: disable=broad-except
                _logger.exception("Project %s: no status report asked", project.id)
        return done
