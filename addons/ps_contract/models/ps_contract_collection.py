from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare

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

    Only finance confirms it (and links the bank payment); only confirmed
    collections count as collected. A confirmed collection is a fact: nobody
    edits or deletes it; a mistake is undone by a reversing collection.
    Confirmation is atomic: two finance users confirming the same collection at
    the same time produce one confirmation.
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
        help="The customer payment (and its reconciliation) finance matched with this collection.",
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    reversal_of_id = fields.Many2one(
        "ps.contract.collection", string="Reverses", readonly=True, index="btree_not_null"
    )
    reversal_ids = fields.One2many("ps.contract.collection", "reversal_of_id", string="Reversed By")
    is_reversed = fields.Boolean(compute="_compute_is_reversed", store=True)

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            system = vals.get("state", "recorded") != "recorded" or vals.get("reversal_of_id")
            if system and not is_system(self.env):
                raise UserError(
                    self.env._("A collection is recorded first; finance then confirms it.")
                )
        self._ps_assign_references(vals_list)
        collections = super().create(vals_list)
        for collection in collections:
            if collection.contract_id.state not in ("signed", "execution", "closed"):
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
            if "payment_id" in vals:
                self._ps_check_finance()
            system_fields = set(vals) & {"confirmed_by_id", "confirmed_date", "reversal_of_id"}
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
        """Finance confirms the collection: it counts as collected from now on."""
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
        internal(recorded).write(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.uid,
                "confirmed_date": fields.Datetime.now(),
            }
        )
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
        """Finance undoes a confirmed collection with a new, negative one."""
        self._ps_check_finance()
        reversals = self.browse()
        for collection in self:
            if collection.state != "confirmed" or collection.reversal_of_id:
                raise UserError(self.env._("Only confirmed collections can be reversed."))
            if collection.is_reversed:
                raise UserError(
                    self.env._("Collection %(name)s is already reversed.", name=collection.name)
                )
            reversals |= internal(self).create(
                {
                    "contract_id": collection.contract_id.id,
                    "milestone_id": collection.milestone_id.id,
                    "amount": -collection.amount,
                    "date": fields.Date.context_today(self),
                    "method": collection.method,
                    "reversal_of_id": collection.id,
                    "state": "confirmed",
                    "confirmed_by_id": self.env.uid,
                    "confirmed_date": fields.Datetime.now(),
                    "note": self.env._("Reversal of %(name)s", name=collection.name),
                }
            )
        return reversals
