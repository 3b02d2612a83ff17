from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ps_base.internal import internal, is_internal

from .ps_contract_milestone import TRIGGERS

AMENDMENT_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Applied"),
    ("rejected", "Rejected"),
    ("cancel", "Cancelled"),
]


class PsContractAmendment(models.Model):
    """The only way to change a signed contract: a reason, changed service lines
    and payment milestones, approved through OCA tier validation (or by a sales
    director when no tier applies). Applying it bumps the contract's version and
    keeps a snapshot of the previous one."""

    _name = "ps.contract.amendment"
    _description = "Contract Amendment"
    _inherit = ["tier.validation", "mail.thread", "mail.activity.mixin"]
    _order = "contract_id, version desc, id desc"
    _check_company_auto = True
    _state_from = ["to_approve"]
    _ps_decider_group = "sales_team.group_sale_manager"
    _state_to = ["approved"]
    _cancel_state = "rejected"
    _tier_validation_manual_config = False

    name = fields.Char(compute="_compute_name", store=True)
    contract_id = fields.Many2one(
        "ps.contract",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('state', 'in', ('signed', 'execution'))]",
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id", store=True)
    user_id = fields.Many2one(
        related="contract_id.user_id", store=True, index=True, string="Salesperson"
    )
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        AMENDMENT_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True
    )
    line_ids = fields.One2many("ps.contract.amendment.line", "amendment_id", string="Services")
    milestone_ids = fields.One2many(
        "ps.contract.amendment.milestone", "amendment_id", string="Payment Milestones"
    )
    version = fields.Integer(readonly=True, copy=False, help="Contract version it creates.")
    amount_before = fields.Monetary(string="Value Before", readonly=True, copy=False)
    amount_after = fields.Monetary(string="Value After", readonly=True, copy=False)
    snapshot = fields.Html(
        string="Previous Version",
        readonly=True,
        copy=False,
        sanitize=True,
        help="The services and payment milestones of the contract before this amendment.",
    )
    date_applied = fields.Date(readonly=True, copy=False)

    @api.depends("contract_id.name", "version")
    def _compute_name(self):
        for amendment in self:
            amendment.name = self.env._(
                "%(contract)s amendment %(version)s",
                contract=amendment.contract_id.name or "",
                version=amendment.version or "",
            )

    def write(self, vals):
        if not is_internal(self.env):
            if "state" in vals:
                raise UserError(self.env._("Amendments change state through their buttons."))
            if self.filtered(lambda a: a.state in ("approved", "rejected")):
                raise UserError(self.env._("An applied or rejected amendment cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda a: a.state not in ("draft", "cancel")):
            raise UserError(self.env._("Only draft or cancelled amendments can be deleted."))

    def _ps_internal(self):
        return internal(self)

    def action_submit(self):
        for amendment in self:
            if amendment.state != "draft":
                raise UserError(self.env._("Only draft amendments can be submitted."))
            if amendment.contract_id.state not in ("signed", "execution"):
                raise UserError(self.env._("Only signed contracts in force can be amended."))
            if not amendment.line_ids and not amendment.milestone_ids:
                raise UserError(
                    self.env._(
                        "Amendment %(name)s changes nothing: add lines or milestones.",
                        name=amendment.name,
                    )
                )
        self.check_access("write")
        self._ps_internal().write({"state": "to_approve"})
        self.request_validation()
        return True

    def action_cancel(self):
        if self.filtered(lambda a: a.state not in ("draft", "to_approve")):
            raise UserError(self.env._("Only draft or submitted amendments can be cancelled."))
        self.check_access("write")
        self._ps_withdraw_reviews()
        self._ps_internal().write({"state": "cancel"})
        return True

    def _ps_reset_to_draft_after_rejection(self):
        """A reviewer's rejection returns the amendment to its author's draft."""
        if self.state == "to_approve":
            self._ps_internal().with_context(skip_validation_check=True).write({"state": "draft"})

    def action_reject(self):
        self._ps_check_approver()
        self._ps_internal().write({"state": "rejected"})
        return True

    def _ps_check_approver(self):
        for amendment in self:
            if amendment.state != "to_approve":
                raise UserError(
                    self.env._("Only submitted amendments can be approved or rejected.")
                )
            if amendment.validation_status != "no":
                continue
            if not (self.env.su or self.env.user.has_group("sales_team.group_sale_manager")):
                raise AccessError(
                    self.env._("Without an approval chain, a sales director approves amendments.")
                )

    def action_apply(self):
        """Approve and apply: change the contract's lines and milestones, check
        that the milestones still add up, and keep the previous version."""
        self._ps_check_approver()
        for amendment in self:
            if amendment.validation_status in ("waiting", "pending") and amendment.can_review:
                amendment._validate_tier()
            if amendment.validation_status in ("waiting", "pending", "rejected"):
                raise UserError(
                    self.env._(
                        "Amendment %(name)s still waits for its reviewers.", name=amendment.name
                    )
                )
            amendment._ps_apply()
        return True

    def _ps_snapshot(self, contract):
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (
                escape(line.name),
                line.quantity,
                contract._ps_format(line.price_unit),
                contract._ps_format(line.price_subtotal),
            )
            for line in contract.line_ids
        )
        milestones = Markup("").join(
            Markup("<li>%s: %s %s</li>")
            % (escape(m.name), contract._ps_format(m.amount), m.date_due or "")
            for m in contract.milestone_ids
        )
        return Markup("<p>%s</p><table class='table table-sm'>%s</table><ul>%s</ul>") % (
            self.env._(
                "Version %(version)s, value %(total)s",
                version=contract.version,
                total=contract._ps_format(contract.amount_total),
            ),
            rows,
            milestones,
        )

    def _ps_apply(self):
        self.ensure_one()
        contract = self.contract_id._ps_internal()
        snapshot = self._ps_snapshot(contract)
        before = contract.amount_total
        # Milestones already (partly) requested keep their amount whatever the new value.
        for milestone in contract.milestone_ids.filtered(lambda m: m.amount_requested):
            milestone._ps_internal().write({"percentage": 0.0, "amount": milestone.amount})
        line_commands = []
        for change in self.line_ids:
            vals = change._ps_line_values()
            if change.contract_line_id and change.remove:
                line_commands.append(Command.delete(change.contract_line_id.id))
            elif change.contract_line_id:
                line_commands.append(Command.update(change.contract_line_id.id, vals))
            elif not change.remove:
                line_commands.append(Command.create(vals))
        milestone_commands = []
        for change in self.milestone_ids:
            vals = change._ps_milestone_values()
            if change.milestone_id and change.remove:
                milestone_commands.append(Command.delete(change.milestone_id.id))
            elif change.milestone_id:
                milestone_commands.append(Command.update(change.milestone_id.id, vals))
            elif not change.remove:
                milestone_commands.append(Command.create(vals))
        contract.write(
            {
                "line_ids": line_commands,
                "milestone_ids": milestone_commands,
                "version": contract.version + 1,
            }
        )
        contract._ps_check_milestones_add_up()
        requested = contract.amount_requested
        if requested > contract.amount_total:
            raise UserError(
                self.env._(
                    "The new value %(total)s of %(contract)s is below what was already "
                    "requested for invoicing (%(requested)s).",
                    total=contract._ps_format(contract.amount_total),
                    contract=contract.display_name,
                    requested=contract._ps_format(requested),
                )
            )
        self.invalidate_recordset(["need_validation"])
        self._ps_internal().write(
            {
                "state": "approved",
                "version": contract.version,
                "amount_before": before,
                "amount_after": contract.amount_total,
                "snapshot": snapshot,
                "date_applied": fields.Date.context_today(self),
            }
        )
        contract.message_post(
            body=self.env._(
                "Amendment applied (version %(version)s): %(reason)s. Value %(before)s → "
                "%(after)s.",
                version=contract.version,
                reason=self.reason,
                before=contract._ps_format(before),
                after=contract._ps_format(contract.amount_total),
            )
        )


class PsContractAmendmentChange(models.AbstractModel):
    """A contract record an amendment adds, changes or removes: which record
    (``_ps_target_field``, empty to add one), and the values it will have
    (``_ps_copied_fields``, proposed from the changed record)."""

    _name = "ps.contract.amendment.change"
    _description = "Amendment Change"
    _ps_target_field = None
    _ps_copied_fields = ()

    amendment_id = fields.Many2one(
        "ps.contract.amendment", required=True, ondelete="cascade", index=True
    )
    contract_id = fields.Many2one(related="amendment_id.contract_id")
    currency_id = fields.Many2one(related="amendment_id.currency_id")
    remove = fields.Boolean()

    def _ps_propose_from_target(self):
        """The values of the changed record, to edit from there."""
        target = self[self._ps_target_field]
        if target:
            for fname in self._ps_copied_fields:
                self[fname] = target[fname]

    def _ps_change_values(self):
        """The values to write on the contract's record (or to create it with)."""
        self.ensure_one()
        return {
            fname: self._fields[fname].convert_to_write(self[fname], self)
            for fname in self._ps_copied_fields
        }


class PsContractAmendmentLine(models.Model):
    """A service line the amendment adds, changes or removes."""

    _name = "ps.contract.amendment.line"
    _inherit = ["ps.contract.amendment.change"]
    _description = "Amendment Service Line"
    _ps_target_field = "contract_line_id"
    _ps_copied_fields = ("product_id", "name", "quantity", "price_unit", "discount", "tax_ids")

    contract_line_id = fields.Many2one(
        "ps.contract.line",
        string="Changed Line",
        domain="[('contract_id', '=', contract_id)]",
        help="Leave empty to add a new service.",
    )
    remove = fields.Boolean(help="Remove the changed line from the contract.")
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
    )
    name = fields.Char(string="Description")
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    price_unit = fields.Monetary(string="Unit Price")
    discount = fields.Float(string="Discount (%)", digits="Discount")
    tax_ids = fields.Many2many("account.tax", string="Taxes")

    @api.onchange("contract_line_id")
    def _onchange_contract_line_id(self):
        self._ps_propose_from_target()

    def _ps_line_values(self):
        vals = self._ps_change_values()
        if not self.name:  # the service's own description
            del vals["name"]
        return vals


class PsContractAmendmentMilestone(models.Model):
    """A payment milestone the amendment adds, changes or removes."""

    _name = "ps.contract.amendment.milestone"
    _inherit = ["ps.contract.amendment.change"]
    _description = "Amendment Payment Milestone"
    _ps_target_field = "milestone_id"
    _ps_copied_fields = ("name", "percentage", "amount", "trigger", "date_due")

    milestone_id = fields.Many2one(
        "ps.contract.milestone",
        string="Changed Milestone",
        domain="[('contract_id', '=', contract_id)]",
        help="Leave empty to add a new milestone.",
    )
    remove = fields.Boolean(help="Remove the changed milestone from the contract.")
    name = fields.Char(required=True, string="Milestone")
    percentage = fields.Float(digits=(5, 2))
    amount = fields.Monetary()
    trigger = fields.Selection(TRIGGERS, default="date", required=True)
    date_due = fields.Date(string="Due Date")

    @api.onchange("milestone_id")
    def _onchange_milestone_id(self):
        self._ps_propose_from_target()

    def _ps_milestone_values(self):
        vals = self._ps_change_values()
        if self.percentage:  # the amount follows the percentage
            del vals["amount"]
        return vals
