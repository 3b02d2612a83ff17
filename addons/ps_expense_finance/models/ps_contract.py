from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ps_base.internal import is_internal


class PsContract(models.Model):
    """DR1 at hand-over: the contract's cost estimate seeds the project's first
    budget, a draft the project manager completes and submits. Revenue
    recognition (the P&L) reads the contract's untaxed value in the company's
    currency."""

    _inherit = "ps.contract"

    ps_amount_untaxed_company = fields.Monetary(
        string="Untaxed Amount in Company Currency",
        compute="_compute_ps_amount_untaxed_company",
        store=True,
        currency_field="ps_company_currency_id",
        help="The untaxed value converted at Accounting's rate of the signature date "
        "(today before the signature): what percent of completion recognises.",
    )
    ps_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )

    @api.depends("amount_untaxed", "currency_id", "company_id", "date_signed")
    def _compute_ps_amount_untaxed_company(self):
        # Stored, converted once at the signature's rate (as Accounting converts
        # an invoice at its date): the P&L sums a column instead of looking rates
        # up per contract (which made PostgreSQL sum every project's lines
        # before a record rule's filter), and later rates do not move what
        # closed months recognised.
        for contract in self:
            company = contract.company_id or self.env.company
            contract.ps_amount_untaxed_company = contract.currency_id._convert(
                contract.amount_untaxed,
                company.currency_id,
                company,
                contract.date_signed or fields.Date.context_today(contract),
            )

    def write(self, vals):
        # computed from the contract's amount and the rate, never typed in (a
        # forged value would be revenue recognised)
        if "ps_amount_untaxed_company" in vals and not is_internal(self.env):
            raise UserError(
                self.env._(
                    "The untaxed amount in company currency is converted from the contract's "
                    "amount: change the contract's services instead."
                )
            )
        return super().write(vals)

    def action_create_project(self):
        result = super().action_create_project()
        self._ps_seed_budget()
        return result

    def _ps_cost_estimate(self):
        """The cost of delivering the contract's services: each service's cost
        (its product's cost price, per unit sold) times the quantity sold."""
        self.ensure_one()
        # sudo: the salesperson handing over need not read product costs
        return sum(line.quantity * line.product_id.standard_price for line in self.sudo().line_ids)

    def _ps_seed_budget(self):
        """A draft first budget of the contract's new project: the estimated
        labour cost in the timesheet category, the contract's untaxed value as
        revenue. Nothing is created without an estimate (no cost price on the
        services) or when the project has a budget already."""
        self.ensure_one()
        project = self.sudo().project_id
        estimate = self._ps_cost_estimate()
        currency = project.company_id.currency_id
        if not project.account_id or currency.is_zero(estimate) or project.ps_budget_ids:
            return self.env["ps.project.budget"]
        # the company's own timesheet category before a shared one (as the ledger)
        labour = (
            self.env["ps.cost.category"]
            .sudo()
            .search(
                [("is_labour", "=", True), ("company_id", "in", (False, project.company_id.id))]
            )
            .sorted(lambda c: (not c.company_id, c.sequence, c.id))[:1]
        )
        if not labour:
            return self.env["ps.project.budget"]
        # sudo: the salesperson hands over; the budget is the project's, its
        # manager (named by the PMO) completes and submits it.
        return (
            self.env["ps.project.budget"]
            .sudo()
            .create(
                {
                    "project_id": project.id,
                    "note": self.env._(
                        "Seeded from contract %(contract)s at hand-over.",
                        contract=self.display_name,
                    ),
                    "line_ids": [
                        Command.create(
                            {"category_id": labour.id, "amount": currency.round(estimate)}
                        )
                    ],
                }
            )
        )
