from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PsCertificateType(models.Model):
    """Kind of certificate or licence (business licence, practising
    certificate, ISO certificate...), with its reminder lead times."""

    _name = "ps.certificate.type"
    _description = "Certificate Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    holder_type = fields.Selection(
        [("company", "Company"), ("employee", "Employee")],
        string="Held By",
        required=True,
        default="company",
    )
    reminder_days = fields.Char(
        string="Reminders (days before expiry)",
        required=True,
        default="90,30,7",
        help="Comma-separated lead times: an activity is raised once at each.",
    )
    expiring_days = fields.Integer(
        string="Expiring Within (days)",
        default=90,
        help="A certificate is shown as expiring this many days before its expiry date.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    @api.constrains("reminder_days", "expiring_days")
    def _check_reminder_days(self):
        for cert_type in self:
            cert_type._ps_lead_times()
            if cert_type.expiring_days < 0:
                raise ValidationError(
                    self.env._(
                        "The expiring window of %(type)s cannot be negative.", type=cert_type.name
                    )
                )

    def _ps_lead_times(self):
        """Lead times in days, largest first (a ValidationError if malformed)."""
        self.ensure_one()
        try:
            days = {int(part) for part in (self.reminder_days or "").split(",") if part.strip()}
        except ValueError:
            days = {-1}
        if not days or min(days) < 0:
            raise ValidationError(
                self.env._(
                    "Reminders of %(type)s: write whole numbers of days separated by commas, "
                    "e.g. 90,30,7.",
                    type=self.name,
                )
            )
        return sorted(days, reverse=True)
