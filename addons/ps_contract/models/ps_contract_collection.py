from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare, format_amount

from odoo.addons.ps_base.internal import internal, is_internal, is_system

COLLECTION_STATES = [
    ("recorded", "Recorded"),
    ("confirmed", "Confirmed"),
    ("rejected", "Rejected"),
]
METHODS = [
    ("bank", "Bank Transfer"),
    ("check", "Cheque"),
    ("cash", "Cash"),
    ("draft", "Bank Draft"),
    ("other", "Other"),
]


class PsContractCollection(models.Model):
    """Money the customer says it paid, recorded by the salesperson.

    Only finance confirms it, and confirming it is registering the payment in
    Accounting: an ``account.payment`` on a bank journal (created, or the one
    finance matched), reconciled with the contract's open invoices (the
    milestone's invoice first, then the oldest). Money received before an
    invoice is an advance, only when finance says so; the next invoice of the
    contract consumes it. A payment registered in Accounting on a contract's
    invoice appears here as a confirmed collection. The figures (collected,
    outstanding) are Accounting's; these records are the doors to them.

    A confirmed collection is a fact: nobody edits or deletes it; a mistake is
    undone by a reversing collection, which unreconciles and cancels the
    payment. Confirmation is atomic: two finance users confirming the same
    collection at the same time produce one confirmation.
    """

    _name = "ps.contract.collection"
    _description = "Collection"
    _inherit = ["ps.contract.document", "mail.activity.mixin"]
    _order = "date desc, id desc"

    contract_id = fields.Many2one(
        domain="[('state', 'in', ('signed', 'execution', 'closed'))]",
    )
    date = fields.Date(
        string="Payment Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        index=True,
    )
    amount = fields.Monetary(required=True, tracking=True)
    method = fields.Selection(METHODS, string="Payment Method", default="bank", required=True)
    proof_ids = fields.Many2many(
        "ir.attachment",
        "ps_contract_collection_proof_rel",
        "collection_id",
        "attachment_id",
        help="Remittance advice, bank slip or cheque scan sent by the customer.",
    )
    note = fields.Text()
    state = fields.Selection(
        COLLECTION_STATES,
        default="recorded",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    payment_id = fields.Many2one(
        "account.payment",
        string="Bank Payment",
        copy=False,
        index="btree_not_null",
        groups="account.group_account_invoice",
        domain="[('payment_type', '=', 'inbound'), ('partner_type', '=', 'customer'), "
        "('state', 'in', ('in_process', 'paid'))]",
        help="The customer payment in Accounting. Leave empty: confirming creates it on the "
        "journal below. Or pick the payment already registered from the bank statement.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Bank Journal",
        copy=False,
        groups="account.group_account_invoice",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        help="Where the payment is registered when finance confirms (the company's first bank "
        "journal when empty).",
    )
    is_advance = fields.Boolean(
        string="Advance",
        copy=False,
        tracking=True,
        help="Finance's choice: the customer paid before being invoiced. The part beyond the "
        "contract's open invoices stays on the customer's account as an advance, consumed "
        "by the contract's next invoice. Without it, a collection cannot exceed the open "
        "invoices.",
    )
    from_accounting = fields.Boolean(
        string="Registered in Accounting",
        readonly=True,
        copy=False,
        help="Created when a payment registered in Accounting was reconciled with an invoice "
        "of the contract.",
    )
    amount_unapplied = fields.Monetary(
        string="Advance Not Consumed",
        compute="_compute_amount_unapplied",
        store=True,
        help="The part of the payment not reconciled with any invoice yet.",
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    reversal_of_id = fields.Many2one(
        "ps.contract.collection", string="Reverses", readonly=True, index="btree_not_null"
    )
    reversal_ids = fields.One2many("ps.contract.collection", "reversal_of_id", string="Reversed By")
    is_reversed = fields.Boolean(compute="_compute_is_reversed", store=True)

    @api.depends(
        "state",
        "payment_id.move_id.state",
        "payment_id.move_id.line_ids.amount_residual_currency",
    )
    def _compute_amount_unapplied(self):
        for collection in self:
            payment = collection.sudo().payment_id
            if collection.state != "confirmed" or payment.move_id.state != "posted":
                collection.amount_unapplied = 0.0
                continue
            lines = payment.move_id.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
            collection.amount_unapplied = -sum(lines.mapped("amount_residual_currency"))

    @api.depends("reversal_ids")
    def _compute_is_reversed(self):
        for collection in self:
            collection.is_reversed = bool(collection.reversal_ids)

    @api.constrains("amount")
    def _check_amount(self):
        for collection in self:
            rounding = collection.currency_id.rounding or 0.01
            if (
                not collection.reversal_of_id
                and float_compare(collection.amount, 0.0, precision_rounding=rounding) <= 0
            ):
                raise ValidationError(self.env._("A collection must be a positive amount."))

    @api.constrains("amount", "contract_id", "is_advance", "state")
    def _check_collectable(self):
        """A recorded collection never exceeds what the contract could still be
        paid: its open invoices plus what is left to invoice (as an advance)."""
        for collection in self.filtered(lambda c: c.state == "recorded"):
            collection._ps_check_bound(collection._ps_open_amount() + collection._ps_advance_room())

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_advance") or vals.get("payment_id") or vals.get("journal_id"):
                self._ps_check_finance()
            system = (
                vals.get("state", "recorded") != "recorded"
                or vals.get("reversal_of_id")
                or vals.get("from_accounting")
            )
            if system and not is_system(self.env):
                raise UserError(
                    self.env._("A collection is recorded first; finance then confirms it.")
                )
        self._ps_assign_references(vals_list)
        collections = super().create(vals_list)
        for collection in collections:
            # a payment on the invoice of a terminated contract is still a fact
            if collection.contract_id.state not in ("signed", "execution", "closed") and not (
                is_internal(self.env) and collection.state == "confirmed"
            ):
                raise UserError(
                    self.env._(
                        "Contract %(contract)s is not signed: no payment can be recorded on it.",
                        contract=collection.contract_id.display_name,
                    )
                )
        return collections

    def write(self, vals):
        if not is_internal(self.env):
            facts = self.filtered(lambda c: c.state != "recorded")
            mail_only = not set(vals) - {
                "activity_ids",
                "message_follower_ids",
                "message_ids",
                "message_main_attachment_id",
            }
            if facts and not mail_only:
                raise UserError(
                    self.env._(
                        "Collection %(name)s is %(state)s: it cannot be changed. Reverse it "
                        "with a new collection if it is wrong.",
                        name=facts[0].name,
                        state=dict(COLLECTION_STATES)[facts[0].state],
                    )
                )
            if "state" in vals:
                self._ps_check_finance()
                raise UserError(
                    self.env._("Collections are confirmed or rejected with their buttons.")
                )
            if set(vals) & {"payment_id", "journal_id", "is_advance"}:
                self._ps_check_finance()
            system_fields = set(vals) & {
                "confirmed_by_id",
                "confirmed_date",
                "reversal_of_id",
                "from_accounting",
            }
            if system_fields:
                raise UserError(
                    self.env._(
                        "%(fields)s of a collection are set when finance confirms or reverses "
                        "it, not by hand.",
                        fields=", ".join(
                            self._fields[name]._description_string(self.env)
                            for name in sorted(system_fields)
                        ),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        facts = self.filtered(lambda c: c.state != "recorded")
        if facts:
            raise UserError(
                self.env._(
                    "Collection %(name)s is %(state)s: it cannot be deleted, only reversed.",
                    name=facts[0].name,
                    state=dict(COLLECTION_STATES)[facts[0].state],
                )
            )

    def _ps_check_finance(self):
        if self.env.su or self.env.user.has_group("ps_contract.group_ps_finance"):
            return
        raise AccessError(
            self.env._("Only finance controllers confirm or reject collections: ask finance.")
        )

    def _ps_lock_recorded(self):
        """Lock these collections' rows and return those still recorded.

        ``FOR UPDATE NOWAIT``: a concurrent confirmation holds the lock until it
        commits; the second one stops at once with a clear message instead of
        waiting and confirming twice.
        """
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM ps_contract_collection WHERE id IN %s "
                        "AND state = 'recorded' FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
                ids = {row[0] for row in self.env.cr.fetchall()}
        except (pg_errors.LockNotAvailable, pg_errors.SerializationFailure) as error:
            raise UserError(
                self.env._(
                    "Someone in finance is confirming this collection right now: reload it "
                    "in a moment."
                )
            ) from error
        return self.browse([cid for cid in self.ids if cid in ids])

    def action_confirm(self):
        """Finance confirms the collection: the payment is registered in
        Accounting and reconciled with the contract's open invoices."""
        self._ps_check_finance()
        self.flush_recordset()
        recorded = self._ps_lock_recorded()
        if recorded != self:
            raise UserError(
                self.env._(
                    "Collection %(name)s is already confirmed or rejected.",
                    name=(self - recorded)[0].name,
                )
            )
        self.invalidate_recordset(["state"])
        for collection in recorded:
            collection._ps_check_confirmable()
            payment = collection._ps_payment()
            internal(collection).write(
                {
                    "state": "confirmed",
                    "payment_id": payment.id,
                    "confirmed_by_id": self.env.uid,
                    "confirmed_date": fields.Datetime.now(),
                }
            )
            collection._ps_reconcile(payment)
        return True

    def action_reject(self):
        self._ps_check_finance()
        self.flush_recordset()
        recorded = self._ps_lock_recorded()
        if recorded != self:
            raise UserError(self.env._("Only recorded collections can be rejected."))
        internal(recorded).write({"state": "rejected"})
        return True

    def action_reverse(self):
        """Finance undoes a confirmed collection: a new, negative collection
        records it, and its payment is unreconciled from the invoices and
        cancelled in Accounting."""
        self._ps_check_finance()
        reversals = self.browse()
        for collection in self:
            if collection.state != "confirmed" or collection.reversal_of_id:
                raise UserError(self.env._("Only confirmed collections can be reversed."))
            if collection.is_reversed:
                raise UserError(
                    self.env._("Collection %(name)s is already reversed.", name=collection.name)
                )
            payment = collection.payment_id
            shared = (
                self.sudo().search(
                    [
                        ("payment_id", "=", payment.id),
                        ("id", "!=", collection.id),
                        ("state", "=", "confirmed"),
                        ("reversal_of_id", "=", False),
                        ("is_reversed", "=", False),
                    ],
                    limit=1,
                )
                if payment
                else self.browse()
            )
            if shared:
                raise UserError(
                    self.env._(
                        "Payment %(payment)s also pays collection %(other)s: reverse it in "
                        "Accounting (unreconcile the invoices you mean), not here.",
                        payment=payment.display_name,
                        other=shared.name,
                    )
                )
            reversals |= collection._ps_create_reversal()
            if payment and payment.state != "canceled":
                # cancelling a posted payment unreconciles it and keeps its entry
                # (cancelled) in the journal's sequence
                payment.move_id.line_ids.remove_move_reconcile()
                payment.action_cancel()
        return reversals

    def _ps_create_reversal(self, note=None):
        self.ensure_one()
        return internal(self).create(
            {
                "contract_id": self.contract_id.id,
                "milestone_id": self.milestone_id.id,
                "amount": -self.amount,
                "date": fields.Date.context_today(self),
                "method": self.method,
                "reversal_of_id": self.id,
                "state": "confirmed",
                "confirmed_by_id": self.env.uid,
                "confirmed_date": fields.Datetime.now(),
                "note": note or self.env._("Reversal of %(name)s", name=self.name),
            }
        )

    # ------------------------------------------------------------------
    # Accounting
    # ------------------------------------------------------------------
    def _ps_format(self, amount):
        return format_amount(self.env, amount, self.currency_id or self.contract_id.currency_id)

    def _ps_open_amount(self):
        """What the contract's posted invoices still wait for."""
        self.ensure_one()
        return sum(self.contract_id._ps_open_invoice_lines().mapped("amount_residual_currency"))

    def _ps_advance_room(self):
        """How much may still be paid in advance: what is left to invoice on the
        contract, less the advances not consumed yet."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        return max(contract.amount_to_invoice - contract.amount_credit, 0.0)

    def _ps_check_bound(self, ceiling):
        self.ensure_one()
        rounding = self.currency_id.rounding or 0.01
        if (
            self.reversal_of_id
            or float_compare(self.amount, ceiling, precision_rounding=rounding) <= 0
        ):
            return
        contract = self.contract_id.sudo()
        raise ValidationError(
            self.env._(
                "Collection %(name)s of %(amount)s is more than contract %(contract)s can be "
                "paid: %(open)s on its open invoices plus %(left)s left to invoice "
                "(%(ceiling)s at most). Check the amount with the bank statement.",
                name=self.name,
                amount=self._ps_format(self.amount),
                contract=contract.display_name,
                open=self._ps_format(self._ps_open_amount()),
                left=self._ps_format(self._ps_advance_room()),
                ceiling=self._ps_format(ceiling),
            )
        )

    def _ps_check_confirmable(self):
        """Confirming never pays more than the contract's open invoices, unless
        finance ticked Advance (then up to what is left to invoice)."""
        self.ensure_one()
        open_amount = self._ps_open_amount()
        rounding = self.currency_id.rounding or 0.01
        if (
            not self.is_advance
            and float_compare(self.amount, open_amount, precision_rounding=rounding) > 0
        ):
            raise UserError(
                self.env._(
                    "Collection %(name)s of %(amount)s is more than the open invoices of "
                    "contract %(contract)s (%(open)s). Lower the amount to %(open)s, or, if "
                    "the customer paid before being invoiced, tick Advance.",
                    name=self.name,
                    amount=self._ps_format(self.amount),
                    contract=self.contract_id.sudo().display_name,
                    open=self._ps_format(open_amount),
                )
            )
        self._ps_check_bound(open_amount + (self._ps_advance_room() if self.is_advance else 0.0))

    def _ps_bank_journal(self):
        self.ensure_one()
        if self.journal_id:
            return self.journal_id
        company = self.contract_id.sudo().company_id
        kinds = ["cash", "bank"] if self.method == "cash" else ["bank"]
        for kind in kinds:
            journal = self.env["account.journal"].search(
                [("type", "=", kind), ("company_id", "=", company.id)], limit=1
            )
            if journal:
                return journal
        raise UserError(
            self.env._(
                "Company %(company)s has no bank journal: create one in Accounting before "
                "confirming collections.",
                company=company.name,
            )
        )

    def _ps_payment(self):
        """The customer payment of this collection: the one finance matched
        (checked), or a new one posted on the bank journal."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        partner = contract.partner_id.commercial_partner_id
        payment = self.payment_id
        if payment:
            other = self.sudo().search(
                [("payment_id", "=", payment.id), ("id", "!=", self.id)], limit=1
            )
            rounding = self.currency_id.rounding or 0.01
            if (
                other
                or payment.payment_type != "inbound"
                or payment.partner_type != "customer"
                or payment.partner_id.commercial_partner_id != partner
                or payment.state not in ("in_process", "paid")
                or payment.currency_id != contract.currency_id
                or float_compare(payment.amount, self.amount, precision_rounding=rounding)
            ):
                raise UserError(
                    self.env._(
                        "Payment %(payment)s cannot be this collection's: it must be a posted "
                        "customer payment of %(partner)s for %(amount)s, in %(currency)s, not "
                        "linked to another collection.",
                        payment=payment.display_name,
                        partner=partner.display_name,
                        amount=self._ps_format(self.amount),
                        currency=contract.currency_id.name,
                    )
                )
            return payment
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": self.amount,
                "currency_id": contract.currency_id.id,
                "date": self.date,
                "journal_id": self._ps_bank_journal().id,
                "company_id": contract.company_id.id,
                "memo": f"{contract.name} {self.name}",
            }
        )
        payment.action_post()
        return payment

    def _ps_reconcile(self, payment):
        """Reconcile what the payment has not paid yet with the contract's open
        invoices: the milestone's invoice first, then the oldest."""
        self.ensure_one()
        lines = self.contract_id._ps_open_invoice_lines()
        milestone_moves = self.milestone_id.sudo().invoice_request_ids.move_id
        lines = lines.filtered(lambda line: line.move_id in milestone_moves) + lines.filtered(
            lambda line: line.move_id not in milestone_moves
        )
        self._ps_reconcile_lines(payment, lines.with_env(self.env))

    @api.model
    def _ps_reconcile_lines(self, payment, lines):
        """Reconcile ``payment``'s open receivable item with ``lines`` in their
        order, each as far as the payment goes."""
        for line in lines:
            pay_line = payment.move_id.line_ids.filtered(
                lambda item, account=line.account_id: item.account_id == account
                and not item.reconciled
                and item.amount_residual_currency < 0
            )
            if not pay_line:
                break
            if not line.reconciled:
                (pay_line + line).reconcile()

    @api.model
    def _ps_consume_advances(self, contract, invoice):
        """A new invoice of ``contract`` consumes its advances not consumed yet
        (oldest first)."""
        advances = self.sudo().search(
            [
                ("contract_id", "=", contract.id),
                ("state", "=", "confirmed"),
                ("amount_unapplied", ">", 0),
            ],
            order="date, id",
        )
        lines = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        for advance in advances:
            self._ps_reconcile_lines(advance.payment_id.with_env(self.env), lines)
