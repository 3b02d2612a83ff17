import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.ps_base.internal import internal, is_internal

from .ps_contract import SIGNED_STATES
from .ps_contract_money import money_figures

_logger = logging.getLogger(__name__)

TRIGGERS = [
    ("date", "Due Date"),
    ("project_milestone", "Project Milestone Reached"),
    ("deliverable", "Deliverable Accepted"),
]
# What may change on the milestone of a signed contract without an amendment:
# links to delivery and the overdue bookkeeping.
FREE_FIELDS = {"project_milestone_id", "deliverable_id", "overdue_notified", "sequence"}


class PsContractMilestone(models.Model):
    """A payment milestone of a contract (its collection plan).

    Its amount is either a percentage of the contract value or a fixed amount;
    the milestones of a contract must add up to its value before it is signed.
    It falls due on a date, or when a project milestone is reached, or when a
    deliverable is accepted: then a draft invoice request is created for it.
    """

    _name = "ps.contract.milestone"
    _description = "Payment Milestone"
    _order = "contract_id, sequence, date_due, id"
    _check_company_auto = True

    contract_id = fields.Many2one("ps.contract", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, string="Milestone")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id", store=True)
    user_id = fields.Many2one(
        related="contract_id.user_id", store=True, index=True, string="Salesperson"
    )
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, string="Customer")
    contract_state = fields.Selection(related="contract_id.state", store=True, index=True)
    percentage = fields.Float(
        digits=(5, 2),
        help="Share of the contract value. Leave at 0 to enter a fixed amount.",
    )
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        readonly=False,
        precompute=True,
        help="Amount to collect (taxes included). Computed from the percentage when one is set.",
    )
    trigger = fields.Selection(TRIGGERS, default="date", required=True)
    date_due = fields.Date(string="Due Date", index=True)
    project_milestone_id = fields.Many2one(
        "project.milestone",
        index="btree_not_null",
        ondelete="set null",
        help="Reaching this project milestone makes the payment due (draft invoice request).",
    )
    deliverable_id = fields.Many2one(
        "ps.project.deliverable",
        index="btree_not_null",
        ondelete="set null",
        help="Accepting this deliverable makes the payment due (draft invoice request).",
    )
    amount_requested = fields.Monetary(string="Requested", compute="_compute_progress", store=True)
    amount_invoiced = fields.Monetary(string="Invoiced", compute="_compute_progress", store=True)
    amount_collected = fields.Monetary(string="Collected", compute="_compute_progress", store=True)
    amount_residual = fields.Monetary(string="To Collect", compute="_compute_progress", store=True)
    amount_to_request = fields.Monetary(
        string="To Request", compute="_compute_progress", store=True
    )
    is_collected = fields.Boolean(compute="_compute_progress", store=True, index=True)
    overdue_notified = fields.Boolean(
        copy=False, help="An activity was raised for the salesperson once the milestone was due."
    )
    invoice_request_ids = fields.One2many("ps.invoice.request", "milestone_id")
    collection_ids = fields.One2many("ps.contract.collection", "milestone_id")

    _sql_constraints = [
        (
            "percentage_range",
            "CHECK(percentage >= 0 AND percentage <= 100)",
            "A milestone percentage is between 0 and 100.",
        ),
        ("amount_positive", "CHECK(amount >= 0)", "A milestone amount cannot be negative."),
    ]

    @api.depends(
        "percentage",
        "contract_id.amount_total",
        "contract_id.milestone_ids.percentage",
        "contract_id.milestone_ids.sequence",
        "contract_id.milestone_ids.date_due",
    )
    def _compute_amount(self):
        """Percentage milestones share the contract value by cumulative rounding,
        in the milestones' order: each gets the rounded value of the percentages
        so far minus what the earlier ones got. Rounded one by one, 30/40/30 %
        of 29,018.25 would make 29,018.26 and the contract could not be signed."""
        for contract in self.contract_id:
            round_amount = contract.currency_id.round if contract.currency_id else float
            share = done = 0.0
            # milestones being created (precomputed) are not among the contract's yet
            milestones = contract.milestone_ids
            milestones |= self.filtered(lambda m, c=contract: m.contract_id == c) - milestones
            for milestone in milestones.filtered("percentage"):
                share += milestone.percentage
                amount = round_amount(round_amount(contract.amount_total * share / 100.0) - done)
                done += amount
                if milestone in self:
                    milestone.amount = amount
        for milestone in self.filtered(lambda m: not m.percentage and not m.amount):
            milestone.amount = 0.0

    @api.depends(
        "amount",
        "invoice_request_ids.state",
        "invoice_request_ids.amount",
        "invoice_request_ids.move_id.state",
        "invoice_request_ids.move_id.amount_total_in_currency_signed",
        "invoice_request_ids.move_id.line_ids.amount_residual_currency",
        "collection_ids.amount_unapplied",
    )
    def _compute_progress(self):
        """Requested from the milestone's invoice requests; invoiced and
        collected from Accounting, as for the contract (``money_figures``)."""
        for milestone in self:
            requests = milestone.invoice_request_ids
            figures = money_figures(requests.sudo().move_id, milestone.collection_ids)
            requested = sum(
                requests.filtered(lambda r: r.state not in ("rejected", "cancel")).mapped("amount")
            )
            collected = figures["collected"]
            milestone.amount_requested = requested
            milestone.amount_invoiced = figures["invoiced"]
            milestone.amount_collected = collected
            milestone.amount_residual = max(milestone.amount - collected, 0.0)
            milestone.amount_to_request = max(milestone.amount - requested, 0.0)
            rounding = milestone.currency_id.rounding or 0.01
            milestone.is_collected = (
                float_compare(collected, milestone.amount, precision_rounding=rounding) >= 0
            )

    @api.constrains("trigger", "date_due", "project_milestone_id", "deliverable_id")
    def _check_trigger(self):
        for milestone in self:
            if milestone.trigger == "date" and not milestone.date_due:
                raise ValidationError(
                    self.env._(
                        "Payment milestone %(name)s falls due on a date: set its due date.",
                        name=milestone.name,
                    )
                )
            project = milestone.contract_id.project_id
            linked_projects = (
                milestone.sudo().project_milestone_id.project_id
                | milestone.sudo().deliverable_id.project_id
            )
            if project and linked_projects - project:
                raise ValidationError(
                    self.env._(
                        "Payment milestone %(name)s must be linked to a milestone or a "
                        "deliverable of the contract's project %(project)s.",
                        name=milestone.name,
                        project=project.name,
                    )
                )

    def _ps_internal(self):
        return internal(self)

    def _ps_check_editable(self, fnames=None):
        if is_internal(self.env):
            return
        if fnames is not None and not set(fnames) - FREE_FIELDS:
            return
        self.contract_id.filtered(lambda c: c.state in SIGNED_STATES)._ps_raise_locked()

    @api.model_create_multi
    def create(self, vals_list):
        milestones = super().create(vals_list)
        milestones._ps_check_editable()
        return milestones

    def write(self, vals):
        self._ps_check_editable(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed_or_requested(self):
        self._ps_check_editable()
        if self.invoice_request_ids.filtered(lambda r: r.state not in ("rejected", "cancel")):
            raise UserError(
                self.env._("A payment milestone with invoice requests cannot be deleted.")
            )

    # ------------------------------------------------------------------
    # Triggers
    # ------------------------------------------------------------------
    def _ps_fire(self, origin):
        """The trigger of these milestones fired (``origin``: what happened):
        create a draft invoice request for what is not requested yet, and tell
        the salesperson. Runs as superuser: whoever reaches the milestone or
        accepts the deliverable (a project member) has no access to contracts."""
        Request = self.env["ps.invoice.request"].sudo()
        requests = Request
        for milestone in self.sudo():
            if milestone.contract_id.state not in ("signed", "execution"):
                continue
            if milestone.amount_to_request <= 0:
                continue
            requests |= Request.create(
                {
                    "contract_id": milestone.contract_id.id,
                    "milestone_id": milestone.id,
                    "amount": milestone.amount_to_request,
                    "is_automatic": True,
                    "note": origin,
                }
            )
        for request in requests:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=request.user_id.id or self.env.uid,
                summary=self.env._("Submit the invoice request"),
                note=origin,
            )
        return requests

    @api.model
    def _ps_notify_overdue(self, batch_size=200):
        """Raise an activity for the salesperson of every payment milestone past
        its due date and not fully collected (once per milestone). Batched on the
        indexed due date; a failing milestone is logged and skipped."""
        domain = self._ps_overdue_domain()
        milestones = self.search(domain, limit=batch_size, order="date_due, id")
        done = self.browse()
        for milestone in milestones:
            try:
                with self.env.cr.savepoint():
                    contract = milestone.contract_id
                    contract.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=contract.user_id.id or self.env.uid,
                        summary=self.env._("Payment overdue: %(name)s", name=milestone.name),
                        note=self.env._(
                            "%(amount)s of %(contract)s were due on %(date)s: follow up "
                            "with the customer.",
                            amount=contract._ps_format(milestone.amount_residual),
                            contract=contract.display_name,
                            date=milestone.date_due,
                        ),
                    )
                    milestone._ps_internal().write({"overdue_notified": True})
                    done |= milestone
            except Exception:  # pylint: disable=broad-except
                _logger.exception("Overdue payment milestone %s: no activity raised", milestone.id)
        # Tell the cron what is left: it runs again at once while batches progress
        # (milestones that failed are not counted, they wait for the next day).
        failed = len(milestones) - len(done)
        remaining = max(self.search_count(domain) - failed, 0)
        self.env["ir.cron"]._notify_progress(done=len(done), remaining=remaining)
        return done

    @api.model
    def _ps_overdue_domain(self):
        return [
            ("date_due", "<", fields.Date.context_today(self)),
            ("is_collected", "=", False),
            ("overdue_notified", "=", False),
            ("contract_state", "in", ("signed", "execution")),
        ]
