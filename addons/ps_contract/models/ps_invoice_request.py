from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.ps_base.internal import internal, is_internal, is_system

REQUEST_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("issued", "Invoiced"),
    ("reversed", "Reversed"),
    ("rejected", "Rejected"),
    ("cancel", "Cancelled"),
]
# States only finance may put a request in.
FINANCE_STATES = ("approved", "issued", "reversed", "rejected")
# States in which a request is a fact: nobody edits or deletes it.
LOCKED_STATES = ("issued", "reversed")
FREE_FIELDS = {
    "activity_ids",
    "message_follower_ids",
    "message_ids",
    "message_main_attachment_id",
}


class PsInvoiceRequest(models.Model):
    """A salesperson's request to invoice (part of) a contract.

    Created by the salesperson, or as a draft when a payment milestone's trigger
    fires; approved by finance through OCA tier validation; finance then issues
    the customer invoice, posted, with the project's analytic distribution.
    Requests never exceed the contract value. An issued request is a fact: it is
    only reversed, by a new reversing request with its credit note.
    """

    _name = "ps.invoice.request"
    _description = "Invoice Request"
    _inherit = ["tier.validation", "ps.contract.document", "mail.activity.mixin"]
    _order = "id desc"
    _state_from = ["to_approve"]
    _ps_decider_group = "ps_contract.group_ps_finance"
    _state_to = ["approved"]
    _cancel_state = "rejected"
    _tier_validation_manual_config = False

    contract_id = fields.Many2one(domain="[('state', 'in', ('signed', 'execution'))]")
    project_id = fields.Many2one(related="contract_id.project_id", string="Project")
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Amount to invoice, taxes included.",
    )
    date_invoice = fields.Date(
        string="Invoice Date", help="Leave empty to invoice on the day finance issues it."
    )
    note = fields.Text()
    state = fields.Selection(
        REQUEST_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True
    )
    is_automatic = fields.Boolean(
        string="Created by a Trigger", readonly=True, help="Created when a milestone fell due."
    )
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="account.group_account_invoice",
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reversal_of_id = fields.Many2one(
        "ps.invoice.request", string="Reverses", readonly=True, index="btree_not_null"
    )
    reversal_ids = fields.One2many("ps.invoice.request", "reversal_of_id", string="Reversed By")

    _sql_constraints = [
        ("name_uniq", "unique(name, company_id)", "Invoice request references must be unique."),
    ]

    @api.depends("milestone_id")
    def _compute_amount(self):
        for request in self:
            if request.milestone_id and not request.reversal_of_id:
                request.amount = request.milestone_id.amount_to_request

    @api.constrains("amount", "contract_id", "state")
    def _check_amount(self):
        """A request never asks for more than is left to invoice on the contract:
        its value, less what is invoiced (credit notes give room back), less the
        other requests not invoiced yet."""
        for request in self:
            contract = request.contract_id
            rounding = contract.currency_id.rounding
            if (
                not request.reversal_of_id
                and float_compare(request.amount, 0.0, precision_rounding=rounding) <= 0
            ):
                raise ValidationError(
                    self.env._("An invoice request must be for a positive amount.")
                )
            if request.state not in ("draft", "to_approve", "approved"):
                continue
            # what is left once every live request (this one included) is invoiced
            left = contract.sudo()._ps_left_to_invoice()
            if float_compare(left, 0.0, precision_rounding=rounding) < 0:
                others = contract.amount_total - contract.amount_invoiced - left - request.amount
                raise ValidationError(
                    self.env._(
                        "Invoice request %(name)s of %(amount)s is beyond the contract value "
                        "of %(contract)s by %(excess)s: the contract is worth %(total)s, "
                        "%(invoiced)s is invoiced (net of credit notes) and %(pending)s is "
                        "requested and not invoiced yet, so %(left)s is left to invoice. "
                        "Lower the amount (or amend the contract first).",
                        name=request.name or "",
                        amount=contract._ps_format(request.amount),
                        contract=contract.display_name,
                        excess=contract._ps_format(-left),
                        total=contract._ps_format(contract.amount_total),
                        invoiced=contract._ps_format(contract.amount_invoiced),
                        pending=contract._ps_format(others),
                        left=contract._ps_format(max(left + request.amount, 0.0)),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                self._ps_check_finance()
            if (vals.get("state", "draft") != "draft" or vals.get("reversal_of_id")) and not (
                is_system(self.env)
            ):
                raise UserError(
                    self.env._("A new invoice request starts as a draft, submitted to finance.")
                )
        self._ps_assign_references(vals_list)
        requests = super().create(vals_list)
        for request in requests:
            if request.contract_id.state not in ("signed", "execution") and not (
                request.reversal_of_id
            ):
                raise UserError(
                    self.env._(
                        "Contract %(contract)s is not signed or in execution: nothing can be "
                        "invoiced on it.",
                        contract=request.contract_id.display_name,
                    )
                )
        return requests

    def write(self, vals):
        if not is_internal(self.env):
            if vals.get("state") in FINANCE_STATES:
                self._ps_check_finance()
            system_fields = set(vals) & {
                "approved_by_id",
                "is_automatic",
                "reversal_of_id",
                "state",
            }
            if system_fields:
                raise UserError(
                    self.env._(
                        "%(fields)s of an invoice request are set by its buttons, not by hand.",
                        fields=", ".join(
                            self._fields[name]._description_string(self.env)
                            for name in sorted(system_fields)
                        ),
                    )
                )
            locked = self.filtered(lambda r: r.state in LOCKED_STATES)
            if locked and set(vals) - FREE_FIELDS:
                raise UserError(
                    self.env._(
                        "Invoice request %(name)s is invoiced: it cannot be changed, only "
                        "reversed.",
                        name=locked[0].name,
                    )
                )
            if set(vals) & {"amount", "contract_id", "milestone_id"} and self.filtered(
                lambda r: r.state not in ("draft",)
            ):
                raise UserError(
                    self.env._("Only draft invoice requests can change their amount or milestone.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        for request in self:
            if request.state not in ("draft", "cancel"):
                raise UserError(
                    self.env._(
                        "Invoice request %(name)s is not a draft: it cannot be deleted "
                        "(cancel it, or reverse it once invoiced).",
                        name=request.name,
                    )
                )

    def _ps_internal(self):
        return internal(self)

    def _ps_check_finance(self):
        """Only finance controllers (and the system itself) approve, reject and
        issue invoice requests, whatever the way in (button, write, RPC)."""
        if self.env.su or self.env.user.has_group("ps_contract.group_ps_finance"):
            return
        raise AccessError(
            self.env._(
                "Only finance controllers approve, reject and invoice invoice requests: "
                "ask your finance team."
            )
        )

    def _ps_check_state(self, states, action):
        labels = dict(REQUEST_STATES)
        for request in self:
            if request.state not in states:
                raise UserError(
                    self.env._(
                        "Invoice request %(name)s is %(state)s: it cannot be %(action)s.",
                        name=request.name,
                        state=labels[request.state],
                        action=action,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        self._ps_check_state(("draft",), self.env._("submitted"))
        self.check_access("write")
        self._ps_withdraw_reviews()  # those of an earlier, rejected submission
        self._ps_internal().write({"state": "to_approve"})
        self.request_validation()
        # The salesperson's to-do "Submit the invoice request" (raised when a
        # milestone fell due) is done.
        for request in self.filtered("is_automatic"):
            request.activity_feedback(["mail.mail_activity_data_todo"], user_id=request.user_id.id)
        return True

    def action_cancel(self):
        self._ps_check_state(("draft", "to_approve"), self.env._("cancelled"))
        self.check_access("write")
        self._ps_withdraw_reviews()
        self._ps_internal().write({"state": "cancel"})
        return True

    def action_approve(self):
        """Finance approves (its own pending reviews are validated on the way)."""
        self._ps_check_finance()
        self._ps_check_state(("to_approve",), self.env._("approved"))
        for request in self:
            if request.validation_status in ("waiting", "pending") and request.can_review:
                request._validate_tier()
            if request.validation_status in ("waiting", "pending", "rejected"):
                raise UserError(
                    self.env._(
                        "Invoice request %(name)s still waits for other reviewers.",
                        name=request.name,
                    )
                )
        self.invalidate_recordset(["need_validation"])
        self._ps_internal().write({"state": "approved", "approved_by_id": self.env.uid})
        return True

    def _ps_move_on_after_approval(self):
        """The last reviewer's validation approves the request (from the form or
        the approvals inbox): nothing is left for anyone to click."""
        if self.state == "to_approve":
            self._ps_internal().write({"state": "approved", "approved_by_id": self.env.uid})

    def _ps_reset_to_draft_after_rejection(self):
        """A reviewer's rejection returns the request to its author's draft."""
        if self.state == "to_approve":
            self._ps_internal().with_context(skip_validation_check=True).write({"state": "draft"})

    def action_reject(self):
        self._ps_check_finance()
        self._ps_check_state(("to_approve",), self.env._("rejected"))
        self._ps_internal().write({"state": "rejected"})
        return True

    def action_issue(self):
        """Finance issues the customer invoice of approved requests and posts it."""
        self._ps_check_finance()
        self._ps_check_state(("approved",), self.env._("invoiced"))
        for request in self:
            move = self.env["account.move"].create(request._ps_prepare_invoice())
            move.action_post()
            request._ps_internal().write({"state": "issued", "move_id": move.id})
            # the customer's advances on the contract pay the new invoice first
            self.env["ps.contract.collection"]._ps_consume_advances(request.contract_id, move)
            request.message_post(
                body=self.env._("Invoice %(invoice)s issued.", invoice=move.display_name)
            )
        return True

    def action_reverse(self):
        """Finance reverses an issued request: a credit note, and a new request
        for the negative amount that records it."""
        self._ps_check_finance()
        self._ps_check_state(("issued",), self.env._("reversed"))
        reversals = self.browse()
        for request in self:
            credit_note = request.move_id._reverse_moves(
                [{"ref": self.env._("Reversal of %(name)s", name=request.name)}]
            )
            credit_note.action_post()
            # the credit note settles what the invoice still waits for (Odoo's
            # full refund); what was already paid stays as the customer's credit
            receivable = (request.move_id | credit_note).line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            )
            if len(receivable.move_id) == 2:
                receivable.reconcile()
            reversal = self._ps_internal().create(
                {
                    "contract_id": request.contract_id.id,
                    "milestone_id": request.milestone_id.id,
                    "amount": -request.amount,
                    "reversal_of_id": request.id,
                    "state": "reversed",
                    "move_id": credit_note.id,
                    "note": self.env._("Reversal of %(name)s", name=request.name),
                }
            )
            request._ps_internal().write({"state": "reversed"})
            reversals |= reversal
        return reversals

    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Invoice
    # ------------------------------------------------------------------
    def _ps_analytic_distribution(self):
        """The project's analytic account at 100% (created if the project has none).
        As superuser: finance issues the invoices of projects it does not follow
        (members-only projects are invisible to it) and does not administer them."""
        self.ensure_one()
        project = self.contract_id.sudo().project_id
        if not project:
            return False
        if not project.account_id:
            project._create_analytic_account()
        return {str(project.account_id.id): 100}

    def _ps_prepare_invoice(self):
        self.ensure_one()
        contract = self.contract_id
        if not contract.line_ids:
            raise UserError(
                self.env._("Contract %(name)s has no services to invoice.", name=contract.name)
            )
        ratio = self.amount / contract.amount_total
        distribution = self._ps_analytic_distribution()
        lines = []
        for line in contract.line_ids:
            included = any(tax.price_include for tax in line.tax_ids)
            base = line.price_total if included else line.price_subtotal
            lines.append(
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "name": f"{line.name} ({self.milestone_id.name or self.name})",
                        "quantity": 1,
                        "price_unit": contract.currency_id.round(base * ratio),
                        "tax_ids": [Command.set(line.tax_ids.ids)],
                        "analytic_distribution": distribution,
                    }
                )
            )
        invoice_date = self.date_invoice or fields.Date.context_today(self)
        vals = {
            "move_type": "out_invoice",
            "partner_id": contract.partner_id.id,
            "company_id": contract.company_id.id,
            "currency_id": contract.currency_id.id,
            "invoice_date": invoice_date,
            "invoice_origin": contract.name,
            "ref": self.name,
            "invoice_user_id": contract.user_id.id,
            "invoice_line_ids": lines,
        }
        if not contract.partner_id.with_company(contract.company_id).property_payment_term_id:
            # Without payment terms an invoice is due on its date (Odoo would
            # make it due the day it is created, and age a back-dated one wrong).
            vals["invoice_date_due"] = invoice_date
        return vals
