from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, format_amount

from odoo.addons.ps_base.internal import internal, is_internal, is_system

from .ps_contract_money import money_figures, receivable_lines

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("review", "In Review"),
    ("signed", "Signed"),
    ("execution", "In Execution"),
    ("closed", "Closed"),
    ("terminated", "Terminated"),
]
SIGNED_STATES = ("signed", "execution", "closed", "terminated")
# What a signed contract may still change without an amendment.
FREE_FIELDS = {
    "active",
    "signed_scan_ids",
    "user_id",
    "message_main_attachment_id",
    "activity_ids",
    "message_follower_ids",
    "message_ids",
}


class PsContract(models.Model):
    """Service contract between the firm and a customer.

    States: draft → in review (OCA tier validation on ``review``) → signed →
    in execution (once its delivery project exists) → closed, or terminated with a
    reason. A signed contract changes only through an approved amendment
    (``ps.contract.amendment``), which keeps the previous version.
    """

    _name = "ps.contract"
    _description = "Service Contract"
    _inherit = ["ps.reference.mixin", "tier.validation", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _state_from = ["review"]
    _ps_decider_group = "sales_team.group_sale_manager"
    _state_to = ["signed"]
    _cancel_state = "draft"
    _tier_validation_manual_config = False

    title = fields.Char(required=True, tracking=True, help="What the contract is about.")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    opportunity_id = fields.Many2one(
        "crm.lead",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('type', '=', 'opportunity')]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        tracking=True,
    )
    state = fields.Selection(
        CONTRACT_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    line_ids = fields.One2many("ps.contract.line", "contract_id", string="Services", copy=True)
    milestone_ids = fields.One2many(
        "ps.contract.milestone", "contract_id", string="Payment Milestones", copy=True
    )
    amount_untaxed = fields.Monetary(
        string="Untaxed Amount", compute="_compute_amounts", store=True, tracking=True
    )
    amount_tax = fields.Monetary(string="Taxes", compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(
        string="Contract Value",
        compute="_compute_amounts",
        store=True,
        tracking=True,
        aggregator="sum",
    )
    date_start = fields.Date(string="Start Date", tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    date_signed = fields.Date(string="Signed On", readonly=True, copy=False, tracking=True)
    note = fields.Html(string="Terms")
    signed_scan_ids = fields.Many2many(
        "ir.attachment",
        "ps_contract_signed_scan_rel",
        "contract_id",
        "attachment_id",
        string="Signed Scans",
        copy=False,
        help="Scans of the contract as signed by both parties.",
    )
    termination_reason = fields.Text(readonly=True, copy=False, tracking=True)
    version = fields.Integer(default=1, readonly=True, copy=False)
    active = fields.Boolean(default=True)
    project_id = fields.Many2one(
        "project.project",
        string="Delivery Project",
        copy=False,
        index="btree_not_null",
        tracking=True,
        readonly=True,
    )
    amendment_ids = fields.One2many("ps.contract.amendment", "contract_id", string="Amendments")
    invoice_request_ids = fields.One2many(
        "ps.invoice.request", "contract_id", string="Invoice Requests"
    )
    collection_ids = fields.One2many("ps.contract.collection", "contract_id", string="Collections")
    milestone_total = fields.Monetary(
        string="Milestones Total", compute="_compute_milestone_total", store=True
    )
    milestone_difference = fields.Monetary(
        string="Not Planned",
        compute="_compute_milestone_total",
        store=True,
        help="Contract value minus the sum of the payment milestones: must be zero to sign.",
    )
    # Receivables (stored: fast lists, sums and filters)
    amount_requested = fields.Monetary(
        string="Requested",
        compute="_compute_receivables",
        store=True,
        help="Invoice requests not rejected or cancelled.",
    )
    amount_invoiced = fields.Monetary(
        string="Invoiced", compute="_compute_receivables", store=True, aggregator="sum"
    )
    amount_collected = fields.Monetary(
        string="Collected",
        compute="_compute_receivables",
        store=True,
        aggregator="sum",
        help="Money received from the customer: paid on its invoices in Accounting, plus "
        "advances not consumed by an invoice yet.",
    )
    amount_outstanding = fields.Monetary(
        string="Outstanding",
        compute="_compute_receivables",
        store=True,
        aggregator="sum",
        help="What the customer still owes on the contract's posted invoices (their open "
        "residuals in Accounting).",
    )
    amount_credit = fields.Monetary(
        string="Advances and Credits",
        compute="_compute_receivables",
        store=True,
        help="Advances received and not consumed by an invoice yet, plus open credit notes: "
        "what the firm holds for the customer.",
    )
    amount_to_invoice = fields.Monetary(
        string="Not Invoiced", compute="_compute_receivables", store=True, aggregator="sum"
    )
    amount_overdue = fields.Monetary(
        string="Overdue",
        compute="_compute_amount_overdue",
        help="Open residuals of the contract's posted invoices past their due date.",
    )
    invoice_request_count = fields.Integer(compute="_compute_counts")
    collection_count = fields.Integer(compute="_compute_counts")
    amendment_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "Contract references must be unique."),
        ("amount_positive", "CHECK(amount_total >= 0)", "The contract value cannot be negative."),
    ]

    @api.depends("line_ids.price_subtotal", "line_ids.price_tax", "line_ids.price_total")
    def _compute_amounts(self):
        for contract in self:
            lines = contract.line_ids
            contract.amount_untaxed = sum(lines.mapped("price_subtotal"))
            contract.amount_tax = sum(lines.mapped("price_tax"))
            contract.amount_total = sum(lines.mapped("price_total"))

    @api.depends("milestone_ids.amount", "amount_total")
    def _compute_milestone_total(self):
        for contract in self:
            total = sum(contract.milestone_ids.mapped("amount"))
            contract.milestone_total = total
            contract.milestone_difference = contract.amount_total - total

    @api.depends(
        "amount_total",
        "invoice_request_ids.state",
        "invoice_request_ids.amount",
        "invoice_request_ids.move_id.state",
        "invoice_request_ids.move_id.amount_total_in_currency_signed",
        "invoice_request_ids.move_id.line_ids.amount_residual_currency",
        "collection_ids.amount_unapplied",
    )
    def _compute_receivables(self):
        """Invoiced, collected and outstanding come from Accounting: the posted
        invoices and credit notes of the contract's requests, their residuals,
        and the advances its collections paid (see ``money_figures``)."""
        for contract in self:
            requests = contract.invoice_request_ids
            figures = money_figures(requests.sudo().move_id, contract.collection_ids)
            contract.amount_requested = sum(
                requests.filtered(lambda r: r.state not in ("rejected", "cancel")).mapped("amount")
            )
            contract.amount_invoiced = figures["invoiced"]
            contract.amount_collected = figures["collected"]
            contract.amount_outstanding = figures["outstanding"]
            contract.amount_credit = figures["credit"]
            contract.amount_to_invoice = contract.amount_total - figures["invoiced"]

    def _compute_amount_overdue(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract.amount_overdue = money_figures(
                contract.sudo().invoice_request_ids.move_id,
                self.env["ps.contract.collection"],
                today,
            )["overdue"]

    def _ps_open_invoice_lines(self):
        """The receivable items of the contract's posted customer invoices still
        open, oldest first (as superuser: the caller checked who acts)."""
        self.ensure_one()
        lines = receivable_lines(self.sudo().invoice_request_ids.move_id)
        return lines.filtered(
            lambda line: not line.reconciled and line.amount_residual_currency > 0
        ).sorted(lambda line: (line.date_maturity or line.date, line.move_id.invoice_date, line.id))

    def _ps_left_to_invoice(self):
        """Contract value minus invoiced (net of credit notes) minus the invoice
        requests not invoiced yet (draft, to approve, approved)."""
        self.ensure_one()
        Request = self.env["ps.invoice.request"].sudo()
        Request.flush_model(["amount", "state", "contract_id"])
        [(pending,)] = Request._read_group(
            [("contract_id", "=", self.id), ("state", "in", ("draft", "to_approve", "approved"))],
            aggregates=["amount:sum"],
        )
        return self.amount_total - self.amount_invoiced - (pending or 0.0)

    def _compute_counts(self):
        for field, model in (
            ("invoice_request_count", "ps.invoice.request"),
            ("collection_count", "ps.contract.collection"),
            ("amendment_count", "ps.contract.amendment"),
        ):
            counts = dict(
                self.env[model]._read_group(
                    [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
                )
            )
            for contract in self:
                contract[field] = counts.get(contract, 0)

    @api.depends("name", "title")
    def _compute_display_name(self):
        for contract in self:
            contract.display_name = (
                f"{contract.name} - {contract.title}" if contract.title else contract.name
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            start, end = contract.date_start, contract.date_end
            if start and end and end < start:
                raise ValidationError(
                    self.env._(
                        "Contract %(name)s ends on %(end)s, before it starts on %(start)s: "
                        "fix the end date.",
                        name=contract.display_name,
                        end=contract.date_end,
                        start=contract.date_start,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" and not is_system(self.env):
                raise UserError(self.env._("A new contract starts as a draft."))
        self._ps_assign_references(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not is_internal(self.env):
            if "state" in vals:
                raise UserError(
                    self.env._(
                        "The state of a contract changes through its buttons (submit, sign, "
                        "close, terminate), not by editing it."
                    )
                )
            locked = set(vals) - FREE_FIELDS
            if locked:
                self.filtered(lambda c: c.state in SIGNED_STATES)._ps_raise_locked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    self.env._(
                        "Contract %(name)s is %(state)s: only draft contracts can be deleted; "
                        "terminate it instead.",
                        name=contract.display_name,
                        state=dict(CONTRACT_STATES)[contract.state],
                    )
                )

    def _ps_raise_locked(self):
        if self:
            raise UserError(
                self.env._(
                    "Contract %(name)s is signed: it changes only through an amendment "
                    "(Amend button).",
                    name=self[0].display_name,
                )
            )

    def _ps_internal(self):
        return internal(self)

    def _ps_format(self, amount):
        return format_amount(self.env, amount, self.currency_id)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _ps_check_milestones_add_up(self):
        """Raise a UserError unless the payment milestones add up to the contract
        value; the message says by how much they are off."""
        for contract in self:
            if float_is_zero(
                contract.amount_total, precision_rounding=contract.currency_id.rounding
            ):
                raise UserError(
                    self.env._(
                        "Contract %(name)s has no value yet: add its services first.",
                        name=contract.display_name,
                    )
                )
            if not contract.milestone_ids:
                raise UserError(
                    self.env._(
                        "Contract %(name)s has no payment milestones: plan how the "
                        "%(total)s will be collected before signing.",
                        name=contract.display_name,
                        total=contract._ps_format(contract.amount_total),
                    )
                )
            empty = contract.milestone_ids.filtered(
                lambda m, c=contract: float_compare(
                    m.amount, 0.0, precision_rounding=c.currency_id.rounding
                )
                <= 0
            )
            if empty:
                raise UserError(
                    self.env._(
                        "Payment milestone %(milestone)s of %(name)s has no amount: give it a "
                        "percentage or an amount, or remove it.",
                        milestone=empty[0].name,
                        name=contract.display_name,
                    )
                )
            planned = sum(contract.milestone_ids.mapped("amount"))
            diff = contract.amount_total - planned
            if float_compare(diff, 0.0, precision_rounding=contract.currency_id.rounding):
                percent = planned / contract.amount_total * 100
                if diff > 0:
                    message = self.env._(
                        "The payment milestones of %(name)s add up to %(planned)s "
                        "(%(percent).2f%%), %(diff)s short of the contract value of %(total)s: "
                        "add %(diff)s to the milestones before signing.",
                        name=contract.display_name,
                        planned=contract._ps_format(planned),
                        percent=percent,
                        diff=contract._ps_format(diff),
                        total=contract._ps_format(contract.amount_total),
                    )
                else:
                    message = self.env._(
                        "The payment milestones of %(name)s add up to %(planned)s "
                        "(%(percent).2f%%), %(diff)s more than the contract value of %(total)s: "
                        "remove %(diff)s from the milestones before signing.",
                        name=contract.display_name,
                        planned=contract._ps_format(planned),
                        percent=percent,
                        diff=contract._ps_format(-diff),
                        total=contract._ps_format(contract.amount_total),
                    )
                raise UserError(message)

    def _ps_check_state(self, states, action):
        labels = dict(CONTRACT_STATES)
        for contract in self:
            if contract.state not in states:
                raise UserError(
                    self.env._(
                        "Contract %(name)s is %(state)s: it cannot be %(action)s.",
                        name=contract.display_name,
                        state=labels[contract.state],
                        action=action,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def _get_under_validation_exceptions(self):
        """The salesperson may change while the contract is reviewed (the sales
        director reassigns it); the terms wait for the review."""
        return super()._get_under_validation_exceptions() + ["user_id"]

    @api.model
    def _get_after_validation_exceptions(self):
        return super()._get_after_validation_exceptions() + ["user_id"]

    def action_submit_review(self):
        """Send the contract to review (tier validation; where no rule applies,
        a sales manager other than the requester reviews it)."""
        self._ps_check_state(("draft",), self.env._("submitted for review"))
        self._ps_check_milestones_add_up()
        self.check_access("write")
        self._ps_withdraw_reviews()  # those of an earlier, rejected submission
        self._ps_internal().write({"state": "review"})
        self.request_validation()
        return True

    def action_sign(self):
        """Record the signature (refused while reviews are open or the milestones
        do not add up)."""
        self._ps_check_state(("review",), self.env._("signed"))
        self._ps_check_milestones_add_up()
        self.check_access("write")
        for contract in self:
            if contract.validation_status in ("waiting", "pending", "rejected"):
                raise UserError(
                    self.env._(
                        "Contract %(name)s is still under review: it can be signed once "
                        "every reviewer has approved it.",
                        name=contract.display_name,
                    )
                )
        # need_validation is not stored and has no dependencies: drop the value
        # cached when the review was requested.
        self.invalidate_recordset(["need_validation"])
        self._ps_internal().write(
            {"state": "signed", "date_signed": fields.Date.context_today(self)}
        )
        return True

    def _ps_move_on_after_approval(self):
        """Every reviewer approved: the contract is ready to sign, a to-do
        tells its salesperson (ps_base tells the requester the outcome)."""
        if self.state == "review" and self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=self.with_context(lang=self.user_id.lang).env._(
                    "Approved: record the customer's signature"
                ),
            )

    def _ps_reset_to_draft_after_rejection(self):
        """A reviewer's rejection returns the contract to its salesperson's
        draft (the approval of the others does not carry over)."""
        if self.state == "review":
            self._ps_internal().with_context(skip_validation_check=True).write({"state": "draft"})

    def action_reset_draft(self):
        self._ps_check_state(("review",), self.env._("reset to draft"))
        self.check_access("write")
        self._ps_withdraw_reviews()
        self._ps_internal().write({"state": "draft"})
        return True

    def action_close(self):
        self._ps_check_state(("signed", "execution"), self.env._("closed"))
        self.check_access("write")
        self._ps_internal().write({"state": "closed"})
        return True

    def action_open_terminate(self):
        self.ensure_one()
        self._ps_check_state(("draft", "review", "signed", "execution"), self.env._("terminated"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Terminate Contract"),
            "res_model": "ps.contract.terminate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_id": self.id},
        }

    def _ps_terminate(self, reason):
        self._ps_check_state(("draft", "review", "signed", "execution"), self.env._("terminated"))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the termination."))
        self.check_access("write")
        self._ps_internal().write({"state": "terminated", "termination_reason": reason})
        for contract in self:
            contract.message_post(body=self.env._("Contract terminated: %(reason)s", reason=reason))
        return True

    def action_new_amendment(self):
        self.ensure_one()
        self._ps_check_state(("signed", "execution"), self.env._("amended"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Amendment"),
            "res_model": "ps.contract.amendment",
            "view_mode": "form",
            "context": {"default_contract_id": self.id},
        }

    def action_new_invoice_request(self):
        self.ensure_one()
        self._ps_check_state(("signed", "execution"), self.env._("invoiced"))
        milestone = self.milestone_ids.filtered(lambda m: m.amount_to_request > 0)[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invoice Request"),
            "res_model": "ps.invoice.request",
            "view_mode": "form",
            "context": {
                "default_contract_id": self.id,
                "default_milestone_id": milestone.id,
            },
        }

    def action_new_collection(self):
        self.ensure_one()
        self._ps_check_state(("signed", "execution", "closed"), self.env._("collected"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Collection"),
            "res_model": "ps.contract.collection",
            "view_mode": "form",
            "context": {"default_contract_id": self.id},
        }

    def _ps_related_action(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,kanban,form",
            "domain": [("contract_id", "=", self.id)],
            "context": {"default_contract_id": self.id},
        }

    def action_view_invoice_requests(self):
        return self._ps_related_action("ps.invoice.request", self.env._("Invoice Requests"))

    def action_view_collections(self):
        return self._ps_related_action("ps.contract.collection", self.env._("Collections"))

    def action_view_amendments(self):
        return self._ps_related_action("ps.contract.amendment", self.env._("Amendments"))

    def action_view_project(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.project",
            "res_id": self.project_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Overdue milestones (cron)
    # ------------------------------------------------------------------
    @api.model
    def _cron_ps_overdue_milestones(self, batch_size=200):
        return self.env["ps.contract.milestone"]._ps_notify_overdue(batch_size=batch_size)

    @api.model
    def _get_all_validation_exceptions(self):
        # Signed scans are filed after the signature, whatever the review said.
        return super()._get_all_validation_exceptions() + ["signed_scan_ids"]

    def _get_tier_validation_readonly_domain(self):
        return "validation_status not in ('no', False) or state not in ('draft', 'review')"
