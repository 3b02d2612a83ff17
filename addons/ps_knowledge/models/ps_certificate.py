import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


class PsCertificate(models.Model):
    """A certificate or licence held by the firm or by an employee: number,
    issuer, dates, scan. Its state follows the expiry date; a scheduled action
    raises reminders at the type's lead times, each once. Renewing creates a
    new certificate linked to this one. Originals are checked out and
    returned through a log."""

    _name = "ps.certificate"
    _description = "Certificate or Licence"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_expiry, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    type_id = fields.Many2one("ps.certificate.type", required=True, ondelete="restrict", index=True)
    holder_type = fields.Selection(
        [("company", "Company"), ("employee", "Employee")],
        string="Held By",
        compute="_compute_holder_type",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    employee_id = fields.Many2one("hr.employee", index="btree_not_null", check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    number = fields.Char(tracking=True)
    issuer = fields.Char(tracking=True)
    date_issue = fields.Date(string="Issued On")
    date_expiry = fields.Date(string="Expires On", index=True, tracking=True)
    scan = fields.Binary(attachment=True)
    scan_filename = fields.Char()
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="Receives the expiry reminders.",
    )
    state = fields.Selection(
        [
            ("valid", "Valid"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
            ("renewed", "Renewed"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
    )
    previous_id = fields.Many2one(
        "ps.certificate", string="Renews", readonly=True, index="btree_not_null", copy=False
    )
    renewal_ids = fields.One2many("ps.certificate", "previous_id", string="Renewals")
    reminder_ids = fields.One2many("ps.certificate.reminder", "certificate_id")
    next_reminder_date = fields.Date(
        compute="_compute_next_reminder_date",
        store=True,
        index=True,
        help="When the next reminder is due (empty once all are sent).",
    )
    checkout_ids = fields.One2many("ps.certificate.checkout", "certificate_id", string="Check-outs")
    checked_out = fields.Boolean(compute="_compute_checked_out", store=True)
    active = fields.Boolean(default=True)
    note = fields.Text()

    @api.depends("type_id")
    def _compute_holder_type(self):
        for cert in self:
            cert.holder_type = cert.type_id.holder_type or cert.holder_type or "company"

    @api.depends("date_expiry", "type_id.expiring_days", "renewal_ids")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for cert in self:
            if cert.renewal_ids:
                cert.state = "renewed"
            elif not cert.date_expiry or cert.date_expiry > today + timedelta(
                days=cert.type_id.expiring_days
            ):
                cert.state = "valid"
            elif cert.date_expiry >= today:
                cert.state = "expiring"
            else:
                cert.state = "expired"

    @api.depends("date_expiry", "type_id.reminder_days", "reminder_ids.lead_days", "renewal_ids")
    def _compute_next_reminder_date(self):
        for cert in self:
            if not cert.date_expiry or cert.renewal_ids or not cert.type_id:
                cert.next_reminder_date = False
                continue
            sent = set(cert.reminder_ids.mapped("lead_days"))
            try:
                pending = [d for d in cert.type_id._ps_lead_times() if d not in sent]
            except ValidationError:
                pending = []
            # The next reminder is the largest lead time not yet sent.
            cert.next_reminder_date = (
                cert.date_expiry - timedelta(days=pending[0]) if pending else False
            )

    @api.depends("checkout_ids.date_returned")
    def _compute_checked_out(self):
        for cert in self:
            cert.checked_out = any(not c.date_returned for c in cert.checkout_ids)

    @api.constrains("holder_type", "employee_id")
    def _check_holder(self):
        for cert in self:
            if cert.holder_type == "employee" and not cert.employee_id:
                raise ValidationError(
                    self.env._(
                        "Certificate %(name)s is held by an employee: choose them.", name=cert.name
                    )
                )

    @api.constrains("date_issue", "date_expiry")
    def _check_dates(self):
        for cert in self:
            if cert.date_issue and cert.date_expiry and cert.date_expiry < cert.date_issue:
                raise ValidationError(
                    self.env._(
                        "Certificate %(name)s cannot expire before it is issued: check the dates.",
                        name=cert.name,
                    )
                )

    def action_renew(self):
        """Create the renewed certificate, linked to this one, and open it."""
        self.ensure_one()
        if self.renewal_ids:
            raise UserError(self.env._("Certificate %(name)s is already renewed.", name=self.name))
        renewal = self.copy(
            {
                "previous_id": self.id,
                "date_issue": fields.Date.context_today(self),
                "date_expiry": False,
                "number": self.number,
                "scan": False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": renewal.id,
            "view_mode": "form",
        }

    def action_return(self):
        for cert in self:
            open_checkouts = cert.checkout_ids.filtered(lambda c: not c.date_returned)
            if not open_checkouts:
                raise UserError(
                    self.env._("The original of %(name)s is not checked out.", name=cert.name)
                )
            open_checkouts.write({"date_returned": fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------
    # Expiry reminders (cron)
    # ------------------------------------------------------------------
    @api.model
    def _cron_ps_certificate_reminders(self, batch_size=200):
        self._ps_refresh_states()
        return self._ps_send_reminders(batch_size=batch_size)

    @api.model
    def _ps_refresh_states(self):
        """States move with the calendar: recompute those that may have
        changed since yesterday (indexed on the expiry date)."""
        today = fields.Date.context_today(self)
        [(horizon,)] = self.env["ps.certificate.type"]._read_group([], [], ["expiring_days:max"])
        stale = self.search(
            [
                "|",
                "&",
                ("state", "=", "valid"),
                ("date_expiry", "<=", today + timedelta(days=horizon or 0)),
                "&",
                ("state", "=", "expiring"),
                ("date_expiry", "<", today),
            ]
        )
        if stale:
            stale._compute_state()

    @api.model
    def _ps_send_reminders(self, batch_size=200):
        """Raise an activity for each certificate whose next reminder is due;
        reminders already sent are remembered, so each goes once. A failing
        certificate is logged and skipped."""
        today = fields.Date.context_today(self)
        domain = [("next_reminder_date", "<=", today)]
        certificates = self.search(domain, limit=batch_size, order="next_reminder_date, id")
        done = self.browse()
        for cert in certificates:
            try:
                with self.env.cr.savepoint():
                    cert._ps_send_reminder(today)
                    done |= cert
            except Exception:  # pylint: disable=broad-except
                _logger.exception("Certificate %s: no expiry reminder raised", cert.id)
        failed = len(certificates) - len(done)
        remaining = max(self.search_count(domain) - failed, 0)
        self.env["ir.cron"]._notify_progress(done=len(done), remaining=remaining)
        return done

    def _ps_send_reminder(self, today):
        """One activity for the smallest lead time reached; every lead time
        reached is marked as sent (a certificate registered late does not get
        the 90-, 30- and 7-day reminders at once)."""
        self.ensure_one()
        days_left = (self.date_expiry - today).days
        sent = set(self.reminder_ids.mapped("lead_days"))
        reached = [d for d in self.type_id._ps_lead_times() if d >= days_left and d not in sent]
        if not reached:
            return False
        lead = min(reached)
        if days_left >= 0:
            summary = self.env._(
                "%(name)s expires in %(days)s days: renew it", name=self.name, days=days_left
            )
        else:
            summary = self.env._("%(name)s has expired: renew it", name=self.name)
        activity = self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=max(today, self.date_expiry - timedelta(days=1)),
            user_id=self.user_id.id or self.env.uid,
            summary=summary,
            note=self.env._(
                "Certificate %(name)s (%(number)s, %(issuer)s) expires on %(date)s.",
                name=self.name,
                number=self.number or "-",
                issuer=self.issuer or "-",
                date=self.date_expiry,
            ),
        )
        self.env["ps.certificate.reminder"].create(
            [
                {
                    "certificate_id": self.id,
                    "lead_days": days,
                    "activity_id": activity.id if days == lead else False,
                    "skipped": days != lead,
                }
                for days in reached
            ]
        )
        return activity


class PsCertificateReminder(models.Model):
    """A reminder the expiry cron has sent (or skipped because a shorter lead
    time was already reached): remembered so that each goes once."""

    _name = "ps.certificate.reminder"
    _description = "Certificate Expiry Reminder"
    _order = "date_sent desc, id desc"

    certificate_id = fields.Many2one(
        "ps.certificate", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="certificate_id.company_id", store=True, index=True)
    lead_days = fields.Integer(required=True)
    date_sent = fields.Datetime(default=fields.Datetime.now, required=True)
    activity_id = fields.Many2one("mail.activity", ondelete="set null")
    skipped = fields.Boolean(help="Not sent: a shorter lead time was already reached.")

    _sql_constraints = [
        (
            "lead_uniq",
            "unique(certificate_id, lead_days)",
            "Each reminder of a certificate is sent once.",
        ),
    ]


class PsCertificateCheckout(models.Model):
    """The original of a certificate leaves the safe (who, why, until when)
    and comes back."""

    _name = "ps.certificate.checkout"
    _description = "Certificate Check-out"
    _order = "date_out desc, id desc"

    certificate_id = fields.Many2one(
        "ps.certificate", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="certificate_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Taken By",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    purpose = fields.Char(required=True)
    date_out = fields.Datetime(string="Taken On", required=True, default=fields.Datetime.now)
    date_due = fields.Date(string="Return By")
    date_returned = fields.Datetime(string="Returned On")

    @api.model_create_multi
    def create(self, vals_list):
        checkouts = super().create(vals_list)
        for checkout in checkouts:
            others = checkout.certificate_id.checkout_ids - checkout
            if any(not c.date_returned for c in others):
                raise UserError(
                    self.env._(
                        "The original of %(name)s is already checked out: it must be "
                        "returned first.",
                        name=checkout.certificate_id.name,
                    )
                )
        return checkouts

    def action_return(self):
        """The original is back in the safe."""
        if self.filtered("date_returned"):
            raise UserError(self.env._("This original was already returned."))
        self.write({"date_returned": fields.Datetime.now()})
        return True
