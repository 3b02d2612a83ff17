import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, format_amount

_logger = logging.getLogger(__name__)


class ProjectProject(models.Model):
    _inherit = "project.project"

    ps_budget_warning_pct = fields.Float(
        string="Budget Warning (%)",
        default=80.0,
        help="Warn the project manager and the PMO when committed and actual costs reach "
        "this share of the budget (per category and in total).",
    )
    ps_budget_overrun_pct = fields.Float(
        string="Budget Alert (%)",
        default=100.0,
        help="Alert the project manager and the PMO when committed and actual costs reach "
        "this share of the budget (per category and in total).",
    )
    ps_can_set_thresholds = fields.Boolean(
        string="Can Set Budget Thresholds",
        compute="_compute_ps_can_set_thresholds",
        help="The PMO and finance set the thresholds, not the manager they watch.",
    )
    ps_budget_ids = fields.One2many("ps.project.budget", "project_id", string="Budgets")
    ps_budget_consumed_pct = fields.Float(
        string="Budget Used (%)",
        compute="_compute_ps_budget_consumed_pct",
        help="Actual and committed costs over the approved cost budget.",
    )

    # Earned value of the project's P&L, for whoever may read its finance (0
    # for the others, as the budget used above).
    ps_finance_visible = fields.Boolean(
        string="Can Read Finance", compute="_compute_ps_earned_value"
    )
    ps_ev_budget = fields.Monetary(
        string="Budget at Completion (BAC)", compute="_compute_ps_earned_value"
    )
    ps_ev_planned_value = fields.Monetary(
        string="Planned Value (PV)", compute="_compute_ps_earned_value"
    )
    ps_ev_earned_value = fields.Monetary(
        string="Earned Value (EV)", compute="_compute_ps_earned_value"
    )
    ps_ev_actual_cost = fields.Monetary(
        string="Actual Cost (AC)", compute="_compute_ps_earned_value"
    )
    ps_ev_cpi = fields.Float(string="CPI", compute="_compute_ps_earned_value", digits=(16, 2))
    ps_ev_spi = fields.Float(string="SPI", compute="_compute_ps_earned_value", digits=(16, 2))
    ps_ev_eac = fields.Monetary(string="EAC (BAC / CPI)", compute="_compute_ps_earned_value")
    ps_ev_eac_alt = fields.Monetary(
        string="EAC (AC + BAC - EV)", compute="_compute_ps_earned_value"
    )
    ps_ev_etc = fields.Monetary(
        string="Estimate to Complete (ETC)", compute="_compute_ps_earned_value"
    )
    ps_ev_vac = fields.Monetary(
        string="Variance at Completion (VAC)", compute="_compute_ps_earned_value"
    )
    ps_ev_tcpi = fields.Float(string="TCPI", compute="_compute_ps_earned_value", digits=(16, 2))

    @api.constrains("ps_budget_warning_pct", "ps_budget_overrun_pct")
    def _check_ps_thresholds(self):
        for project in self:
            if not 0 < project.ps_budget_warning_pct <= project.ps_budget_overrun_pct:
                raise ValidationError(
                    self.env._(
                        "Project %(project)s: the budget warning threshold must be above 0 "
                        "and not above the alert threshold.",
                        project=project.name,
                    )
                )

    @api.depends_context("uid")
    def _compute_ps_can_set_thresholds(self):
        self.ps_can_set_thresholds = self._ps_can_set_thresholds()

    @api.model
    def _ps_can_set_thresholds(self):
        # The thresholds watch the project manager's spending: the PMO and
        # finance set them, not the manager whose alerts they raise.
        user = self.env.user
        return (
            self.env.su
            or user.has_group("project.group_project_manager")
            or user.has_group("ps_contract.group_ps_finance")
        )

    def write(self, vals):
        if (
            vals.keys() & {"ps_budget_warning_pct", "ps_budget_overrun_pct"}
            and not self._ps_can_set_thresholds()
        ):
            raise AccessError(
                self.env._(
                    "Only the PMO or finance may change the budget warning and alert "
                    "thresholds of a project."
                )
            )
        return super().write(vals)

    def _compute_ps_budget_consumed_pct(self):
        # sudo: the figure is only shown to who may read the project's P&L
        readable = self._ps_finance_readable()
        self.env.flush_all()  # the P&L is a view over other models' tables
        pnls = self.env["ps.project.pnl"].sudo().browse(readable.ids)
        consumed = {pnl.id: pnl.consumed_pct for pnl in pnls}
        for project in self:
            project.ps_budget_consumed_pct = consumed.get(project.id, 0.0)

    @api.depends_context("uid")
    def _compute_ps_earned_value(self):
        # sudo: the figures are only given to who may read the project's P&L
        readable = self._ps_finance_readable()
        self.env.flush_all()  # the P&L is a view over other models' tables
        pnls = {pnl.id: pnl for pnl in self.env["ps.project.pnl"].sudo().browse(readable.ids)}
        for project in self:
            pnl = pnls.get(project.id)
            project.ps_finance_visible = bool(pnl)
            project.update(
                {
                    "ps_ev_budget": pnl.budget_cost if pnl else 0.0,
                    "ps_ev_planned_value": pnl.planned_value if pnl else 0.0,
                    "ps_ev_earned_value": pnl.earned_value if pnl else 0.0,
                    "ps_ev_actual_cost": pnl.actual_cost if pnl else 0.0,
                    "ps_ev_cpi": pnl.cpi if pnl else 0.0,
                    "ps_ev_spi": pnl.spi if pnl else 0.0,
                    "ps_ev_eac": pnl.eac_cpi if pnl else 0.0,
                    "ps_ev_eac_alt": pnl.eac_alt if pnl else 0.0,
                    "ps_ev_etc": pnl.etc if pnl else 0.0,
                    "ps_ev_vac": pnl.vac if pnl else 0.0,
                    "ps_ev_tcpi": pnl.tcpi if pnl else 0.0,
                }
            )

    def _ps_planned_share(self, as_of):
        """{project id: share of the work (0 to 1) the baseline plans done by the
        end of ``as_of``}, in one query."""
        if not self.ids:
            return {}
        self.env["project.task"].flush_model()
        self.flush_model(["ps_baseline_version", "date_start", "date"])
        self.env.cr.execute(
            self._ps_planned_share_query(
                SQL("%s::date", as_of), SQL("t.project_id IN %s", tuple(self.ids))
            )
        )
        return {project_id: float(share or 0.0) for project_id, share in self.env.cr.fetchall()}

    @api.model
    def _ps_recognition_base_query(self, project):
        """SQL of one row, ``value``: the untaxed value, in the company's
        currency, of the fixed-price contracts that earn revenue for project
        ``project`` (an SQL expression of its id).

        Recognition, fixed price (the only billing model today): percent of
        completion, recognised to date = this value x the project's % complete
        (work done, capped at 100 %; 100 % once its closure is approved). The
        contracts counted are the signed, in execution and closed ones, as the
        P&L's contract value; a terminated contract earns nothing more and
        leaves the base (what was invoiced on it shows as deferred revenue
        until finance settles it with a credit note). A contract in another
        currency counts at Accounting's rate of its signature date
        (``ps.contract.ps_amount_untaxed_company``). Time and
        materials (issue 19) adds its approved timesheets at the contract's
        rates here, as a second term of the same row."""
        return SQL(
            """
            SELECT SUM(ct.ps_amount_untaxed_company) AS value
              FROM ps_contract ct
             WHERE ct.project_id = %(project)s AND ct.active
               AND ct.state IN ('signed', 'execution', 'closed')
            """,
            project=project,
        )

    def _ps_recognised_to_date(self):
        """{project id: revenue recognised to date} (see
        ``_ps_recognition_base_query``) with the projects' progress now, in
        one query, rounded to the company's currency."""
        if not self.ids:
            return {}
        self.env["ps.contract"].flush_model()
        self.flush_model(["ps_progress", "ps_phase", "company_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, b.value, %(share)s
                  FROM project_project p
             LEFT JOIN LATERAL (%(base)s) b ON TRUE
                 WHERE p.id IN %(ids)s
                """,
                share=self._ps_recognised_share_sql(SQL("p")),
                base=self._ps_recognition_base_query(SQL("p.id")),
                ids=tuple(self.ids),
            )
        )
        result = {}
        for project_id, value, share in self.env.cr.fetchall():
            project = self.browse(project_id)
            currency = (project.company_id or self.env.company).currency_id
            result[project_id] = currency.round(float(value or 0.0) * float(share) / 100.0)
        return result

    @api.model
    def _ps_recognised_share_sql(self, alias):
        """SQL of the % complete that recognises revenue for the project row
        ``alias``: work done, capped at 100 %, and 100 % once the closure is
        approved (closing phase)."""
        return SQL(
            "CASE WHEN %(p)s.ps_phase = 'closing' THEN 100 "
            "ELSE LEAST(GREATEST(COALESCE(%(p)s.ps_progress, 0), 0), 100) END",
            p=alias,
        )

    def action_ps_open_ev_curve(self):
        """The S-curve of the project: planned value, earned value and actual
        cost of its closed months."""
        self.ensure_one()
        return self.env["ps.project.pnl"].browse(self.id).action_open_ev_curve()

    def _ps_finance_readable(self):
        """The projects whose finance the current user may read."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("project.group_project_manager")
            or user.has_group("ps_contract.group_ps_finance")
        ):
            return self
        return self.filtered(lambda p: p.user_id == user)

    def action_ps_open_pnl(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ps_expense_finance.ps_project_pnl_action"
        )
        action.update({"res_id": self.id, "view_mode": "form", "views": [(False, "form")]})
        return action

    # ------------------------------------------------------------------
    # Budget figures
    # ------------------------------------------------------------------
    def _ps_start_problems(self):
        """DR1, the money side: a project leaves Initiation with an approved budget."""
        problems = super()._ps_start_problems()
        if not self._ps_approved_budgets():
            problems.append(self.env._("no approved budget"))
        return problems

    def _ps_closure_problems(self):
        """DR4, the money side: no payment request still open, no cost still
        committed (claims not posted, bills not posted)."""
        problems = super()._ps_closure_problems()
        requests = (
            self.env["ps.payment.request"]
            .sudo()
            .search(
                [("project_id", "=", self.id), ("state", "in", ("draft", "submitted", "approved"))]
            )
        )
        if requests:
            problems.append(
                self.env._(
                    "payment requests not settled: %(names)s",
                    names=", ".join(requests[:5].mapped("display_name")),
                )
            )
        committed = sum(
            amount
            for categories in self._ps_cost_figures().values()
            for statuses in categories.values()
            for status, amount in statuses.items()
            if status == "committed"
        )
        currency = self.company_id.currency_id or self.env.company.currency_id
        if currency.compare_amounts(committed, 0.0) > 0:
            problems.append(
                self.env._(
                    "%(amount)s of costs committed but not posted (expense claims or "
                    "supplier bills to post)",
                    amount=format_amount(self.env, committed, currency),
                )
            )
        return problems

    def _ps_approved_budgets(self):
        return (
            self.env["ps.project.budget"]
            .sudo()
            .search([("project_id", "in", self.ids), ("state", "=", "approved")])
        )

    def _ps_cost_figures(self, extra_domain=None):
        """{project id: {category id: {status: amount}}} of the cost ledger, in one query."""
        domain = [("project_id", "in", self.ids), ("kind", "=", "cost")] + (extra_domain or [])
        self.env.flush_all()  # the ledger is a view over other models' tables
        groups = (
            self.env["ps.project.cost.ledger"]
            .sudo()
            ._read_group(domain, ["project_id", "category_id", "status"], ["amount:sum"])
        )
        figures = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
        for project, category, status, amount in groups:
            figures[project.id][category.id][status] += amount
        return figures

    def _ps_lock_budget(self):
        """Serialize the budget checks of these projects: two costs submitted at
        the same instant against the same remaining budget would both see it
        whole. The no-op update makes the second transaction wait for the first,
        then fail to serialize and be retried by Odoo on fresh data."""
        if self.ids:
            self.env.cr.execute(
                "UPDATE project_project SET write_date = write_date WHERE id = ANY(%s)",
                [self.ids],
            )

    def _ps_exceeds_budget(self, amounts, exclude_expense_ids=(), exclude_request_ids=()):
        """Which of ``amounts`` ({category: amount}) exceed the remaining budget of
        their category on this project: [(category, remaining, amount)]. A project
        without an approved budget is not budget-controlled."""
        self.ensure_one()
        if not self._ps_approved_budgets():
            return []
        extra = []
        if exclude_expense_ids:
            extra += [
                "|",
                ("expense_id", "=", False),
                ("expense_id", "not in", list(exclude_expense_ids)),
            ]
        if exclude_request_ids:
            extra += [
                "|",
                ("payment_request_id", "=", False),
                ("payment_request_id", "not in", list(exclude_request_ids)),
            ]
        figures = self._ps_cost_figures(extra)[self.id]
        currency = self.company_id.currency_id or self.env.company.currency_id
        over = []
        for category, amount in amounts.items():
            row = figures.get(category.id, {})
            remaining = row.get("budget", 0.0) - row.get("actual", 0.0) - row.get("committed", 0.0)
            if currency.compare_amounts(amount, remaining) > 0:
                over.append((category, remaining, amount))
        return over

    def _ps_check_budget_overrun(self):
        """Create the missing warning/alert records of these projects: one per budget
        version, category (or total) and level, whatever the number of checks."""
        projects = self.sudo().filtered("id")
        budgets = projects._ps_approved_budgets()
        if not budgets:
            return self.env["ps.budget.alert"]
        figures = budgets.project_id._ps_cost_figures()
        Alert = self.env["ps.budget.alert"].sudo()
        existing = {
            (a.budget_id.id, a.category_id.id, a.level)
            for a in Alert.search([("budget_id", "in", budgets.ids)])
        }
        vals_list = []
        for budget in budgets:
            project = budget.project_id
            rows = figures[project.id]
            scopes = defaultdict(lambda: [0.0, 0.0])  # category id (False = total): budget, used
            for category_id, row in rows.items():
                used = row.get("actual", 0.0) + row.get("committed", 0.0)
                scopes[category_id][0] += row.get("budget", 0.0)
                scopes[category_id][1] += used
                scopes[False][0] += row.get("budget", 0.0)
                scopes[False][1] += used
            for category_id, (amount_budget, used) in scopes.items():
                if amount_budget <= 0:
                    continue
                pct = used / amount_budget * 100.0
                for level, threshold in (
                    ("warning", project.ps_budget_warning_pct),
                    ("overrun", project.ps_budget_overrun_pct),
                ):
                    key = (budget.id, category_id or False, level)
                    if pct >= threshold and key not in existing:
                        existing.add(key)
                        vals_list.append(
                            {
                                "budget_id": budget.id,
                                "project_id": project.id,
                                "category_id": category_id or False,
                                "level": level,
                                "threshold_pct": threshold,
                                "consumed_pct": pct,
                                "amount_budget": amount_budget,
                                "amount_used": used,
                            }
                        )
        return Alert.create(vals_list) if vals_list else Alert

    @api.model
    def _cron_ps_check_budget_overrun(self, batch_size=500):
        """Scheduled check of every project with an approved budget, in batches; a
        failing batch is logged and does not stop the others."""
        groups = (
            self.env["ps.project.budget"]
            .sudo()
            ._read_group([("state", "=", "approved")], ["project_id"])
        )
        project_ids = [project.id for (project,) in groups]
        for start in range(0, len(project_ids), batch_size):
            batch = self.browse(project_ids[start : start + batch_size])
            try:
                with self.env.cr.savepoint():
                    batch._ps_check_budget_overrun()
            except Exception:  # pylint: disable=broad-except
                _logger.exception("Budget overrun check failed for projects %s", batch.ids)

    # -- deletion (see ps_project_wbs) ------------------------------------------
    def _ps_kept_history(self):
        kept = super()._ps_kept_history()
        budgets = self.sudo().ps_budget_ids.filtered(lambda b: b.state not in ("draft", "cancel"))
        if budgets:
            kept.append(self.env._("budget %(name)s", name=budgets[0].display_name))
        closed = (
            self.env["ps.project.period"]
            .sudo()
            .search([("project_id", "=", self.id), ("state", "=", "closed")], limit=1)
        )
        if closed:
            kept.append(self.env._("monthly close %(name)s", name=closed.display_name))
        request = (
            self.env["ps.payment.request"].sudo().search([("project_id", "=", self.id)], limit=1)
        )
        if request:
            kept.append(self.env._("payment request %(name)s", name=request.display_name))
        return kept

    def _ps_records_deleted_with_project(self):
        domain = [("project_id", "in", self.ids)]
        return [
            self.env["ps.budget.alert"].sudo().search(domain),
            self.env["ps.project.period"].sudo().search(domain),
            self.sudo().with_context(active_test=False).ps_budget_ids,
            *super()._ps_records_deleted_with_project(),
        ]
