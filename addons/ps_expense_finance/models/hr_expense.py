from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.ps_base.internal import internal

# What an expense's figures in the project ledger depend on: refused on a claim
# dated in a closed month of its project (or moving it into one).
PS_EXPENSE_LEDGER_FIELDS = {
    "date",
    "ps_project_id",
    "ps_cost_category_id",
    "product_id",
    "quantity",
    "price_unit",
    "total_amount",
    "total_amount_currency",
    "tax_amount",
    "tax_ids",
    "company_id",
}


class HrExpense(models.Model):
    """An expense claim may be filed for a project and a cost category: its
    analytic distribution is then the project's analytic account, and it is a
    commitment of the project until finance posts it."""

    _inherit = "hr.expense"

    ps_project_id = fields.Many2one(
        "project.project",
        string="Project",
        index="btree_not_null",
        tracking=True,
        domain="[('account_id', '!=', False), ('company_id', 'in', (company_id, False))]",
    )
    ps_cost_category_id = fields.Many2one(
        "ps.cost.category",
        string="Cost Category",
        compute="_compute_ps_cost_category_id",
        store=True,
        readonly=False,
        ondelete="restrict",
        tracking=True,
    )

    @api.depends("product_id")
    def _compute_ps_cost_category_id(self):
        for expense in self:
            category = expense.product_id.product_tmpl_id.ps_cost_category_id
            if category or not expense.ps_cost_category_id:
                expense.ps_cost_category_id = category

    @api.depends("product_id", "account_id", "employee_id", "ps_project_id")
    def _compute_analytic_distribution(self):
        res = super()._compute_analytic_distribution()
        for expense in self.filtered("ps_project_id.account_id"):
            expense.analytic_distribution = {str(expense.ps_project_id.account_id.id): 100}
        return res

    @api.constrains("ps_project_id", "ps_cost_category_id")
    def _check_ps_category(self):
        for expense in self:
            if expense.ps_project_id and not expense.ps_cost_category_id:
                raise ValidationError(
                    self.env._(
                        "Expense %(name)s is for project %(project)s: choose its cost category.",
                        name=expense.name,
                        project=expense.ps_project_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        project_id = self.env.context.get("default_ps_project_id")
        if project_id:
            for vals in vals_list:
                vals.setdefault("ps_project_id", project_id)
        projects = {vals["ps_project_id"] for vals in vals_list if vals.get("ps_project_id")}
        self.env["project.project"].browse(projects)._ps_check_open(self.env._("claim expenses"))
        expenses = super().create(vals_list)
        expenses._ps_check_month_open()
        return expenses

    def write(self, vals):
        if vals.get("ps_project_id"):
            self.env["project.project"].browse(vals["ps_project_id"])._ps_check_open(
                self.env._("claim expenses")
            )
        guarded = PS_EXPENSE_LEDGER_FIELDS & set(vals)
        if guarded:
            self._ps_check_month_open()  # moving a claim out of a closed month
        res = super().write(vals)
        if guarded:
            self._ps_check_month_open()  # moving a claim into a closed month
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_month(self):
        self._ps_check_month_open()

    def _ps_check_month_open(self):
        # As superuser: the lock holds whoever reads the claim's project.
        self.env["ps.project.period"]._ps_check_month_open(
            (expense.ps_project_id.id, None, expense.date)
            for expense in self.sudo()
            if expense.ps_project_id
        )


class HrExpenseSheet(models.Model):
    """Expense reports get an extra approval tier (OCA tier validation) when one
    of their project expenses exceeds the remaining budget of its category; the
    usual approval is refused until that tier is validated."""

    _name = "hr.expense.sheet"
    _inherit = ["hr.expense.sheet", "tier.validation"]
    _state_field = "approval_state"
    _state_from = ["submit"]
    _state_to = ["approve"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False

    ps_over_budget = fields.Boolean(
        string="Over Budget",
        readonly=True,
        copy=False,
        help="A project expense of this report exceeded the remaining budget of its "
        "category when it was submitted: the report needs the over-budget approval.",
    )
    ps_over_budget_reason = fields.Text(string="Budget Overrun", readonly=True, copy=False)

    def _do_submit(self):
        self.expense_line_ids.ps_project_id._ps_lock_budget()
        res = super()._do_submit()
        for sheet in self:
            reasons = sheet._ps_budget_overruns()
            sheet.with_context(skip_validation_check=True).sudo().write(
                {"ps_over_budget": bool(reasons), "ps_over_budget_reason": "\n".join(reasons)}
            )
            if reasons:
                sheet.sudo().request_validation()
        self.expense_line_ids.ps_project_id._ps_check_budget_overrun()
        return res

    def _ps_budget_overruns(self):
        """Lines saying which project category each project expense would overrun."""
        self.ensure_one()
        expenses = self.expense_line_ids.filtered("ps_project_id")
        by_project = defaultdict(lambda: defaultdict(float))
        for expense in expenses:
            untaxed = expense.total_amount - expense.tax_amount
            by_project[expense.ps_project_id][expense.ps_cost_category_id] += untaxed
        reasons = []
        for project, amounts in by_project.items():
            for category, remaining, amount in project._ps_exceeds_budget(
                amounts, exclude_expense_ids=expenses.ids
            ):
                reasons.append(
                    self.env._(
                        "%(project)s / %(category)s: %(amount)s claimed, %(remaining)s left "
                        "in the budget.",
                        project=project.name,
                        category=category.name,
                        amount=format_amount(self.env, amount, project.company_id.currency_id),
                        remaining=format_amount(
                            self.env, remaining, project.company_id.currency_id
                        ),
                    )
                )
        return reasons

    def action_approve_expense_sheets(self):
        for sheet in self:
            if sheet.review_ids and sheet.validation_status != "validated":
                raise UserError(
                    self.env._(
                        "Expense report %(name)s exceeds the remaining project budget "
                        "(%(reason)s): it needs the over-budget approval before it can be "
                        "approved.",
                        name=sheet.name,
                        reason=sheet.ps_over_budget_reason or "",
                    )
                )
        # reviews validated (or none): hr_expense writes the report while it
        # creates the entries, which tier validation would refuse under review
        return super(
            HrExpenseSheet, internal(self).with_context(skip_validation_check=True)
        ).action_approve_expense_sheets()

    def _do_reset_approval(self):
        self.review_ids.sudo().unlink()
        res = super()._do_reset_approval()
        self.sudo().write({"ps_over_budget": False, "ps_over_budget_reason": False})
        return res
