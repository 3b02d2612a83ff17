from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.ps_base.internal import is_system


class PsCustomerFollowup(models.Model):
    """A contact with a customer: what was said and what comes next. The next
    step becomes an activity of the customer's owner; the last follow-up keeps
    the customer away from the public pool."""

    _name = "ps.customer.followup"
    _description = "Customer Follow-up"
    _order = "date desc, id desc"
    _rec_name = "summary"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("ps_is_customer", "=", True), ("parent_id", "=", False)],
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        index="btree_not_null",
        ondelete="set null",
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    channel = fields.Selection(
        [
            ("visit", "Visit"),
            ("meeting", "Meeting"),
            ("call", "Phone Call"),
            ("email", "E-mail"),
            ("message", "Instant Message"),
            ("event", "Event or Seminar"),
            ("other", "Other"),
        ],
        required=True,
        default="call",
    )
    summary = fields.Text(required=True, help="What was discussed.")
    next_step = fields.Char(help="What happens next; becomes an activity of the owner.")
    next_date = fields.Date(string="Next Follow-up Date")
    user_id = fields.Many2one(
        "res.users",
        string="Followed Up By",
        required=True,
        default=lambda self: self.env.user,
        index=True,
    )
    owner_id = fields.Many2one(
        related="partner_id.user_id", string="Customer Owner", store=True, index=True
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    @api.depends("next_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for followup in self:
            followup.is_overdue = bool(followup.next_date and followup.next_date < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on overdue follow-ups."))
        today = fields.Date.context_today(self)
        overdue = [("next_date", "<", today)]
        return overdue if (operator == "=") == value else ["!"] + overdue

    @api.constrains("date", "next_date")
    def _check_next_date(self):
        for followup in self:
            if followup.next_date and followup.next_date < followup.date.date():
                raise ValidationError(
                    self.env._(
                        "The next follow-up (%(next)s) cannot be before this one (%(date)s).",
                        next=followup.next_date,
                        date=followup.date.date(),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        followups = super().create(vals_list)
        # before the customer's pool clock and the owner's activities change
        followups._ps_check_customer_access()
        followups._ps_update_customers()
        followups._ps_schedule_next_steps()
        return followups

    def write(self, vals):
        self._ps_check_customer_access()
        res = super().write(vals)
        if vals.keys() & {"partner_id", "lead_id"}:
            self._ps_check_customer_access()
        return res

    def _ps_check_customer_access(self):
        """A follow-up restarts its customer's pool clock and plans the owner's next
        step: it is logged only on a customer account the user may read (for a
        salesperson: their own customers and the public pool's, as the customer
        rules say) and only on an opportunity of that customer the user may read.
        The refusal never names a customer the user may not see."""
        if is_system(self.env):
            return
        user = self.env.user
        sees_all = user.has_group("sales_team.group_sale_salesman_all_leads")
        # sudo: read what the follow-ups point to, to decide; what the user may
        # see is checked right below through their own rights
        followups = self.sudo()
        partners = followups.partner_id
        if partners - partners.with_env(self.env)._filtered_access("read"):
            raise AccessError(
                self.env._(
                    "You can log follow-ups only on your own customers and on those of the "
                    "public pool: ask the customer's owner or a sales director to log this one."
                )
            )
        leads = followups.lead_id
        if leads - leads.with_env(self.env)._filtered_access("read"):
            raise AccessError(
                self.env._(
                    "You can link a follow-up only to an opportunity you may see: pick one of "
                    "your opportunities with this customer, or none."
                )
            )
        for followup in followups:
            partner = followup.partner_id
            if partner.parent_id:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is a contact of %(company)s: log the follow-up on "
                        "%(company)s.",
                        partner=partner.name,
                        company=partner.commercial_partner_id.name,
                    )
                )
            if not partner.ps_is_customer:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a customer: register it as a customer before "
                        "logging follow-ups.",
                        partner=partner.name,
                    )
                )
            if not sees_all and partner.user_id and partner.user_id != user:
                raise AccessError(
                    self.env._(
                        "%(customer)s is %(owner)s's customer: ask %(owner)s or a sales "
                        "director to log this follow-up.",
                        customer=partner.name,
                        owner=partner.user_id.name,
                    )
                )
            lead = followup.lead_id
            if lead and lead.partner_id.commercial_partner_id != partner:
                raise ValidationError(
                    self.env._(
                        "Opportunity %(lead)s is not with %(customer)s: pick one of this "
                        "customer's opportunities, or none.",
                        lead=lead.name,
                        customer=partner.name,
                    )
                )

    def _ps_update_customers(self):
        """Last and next follow-up dates of the customers (bookkeeping fields,
        written as superuser: the follow-up itself was checked against the rules)."""
        for partner in self.partner_id:
            mine = self.filtered(lambda f, p=partner: f.partner_id == p)
            last = max(mine.mapped("date"))
            vals = {}
            if not partner.ps_last_followup_date or last > partner.ps_last_followup_date:
                vals["ps_last_followup_date"] = last
                latest = mine.sorted("date")[-1]
                vals["ps_next_followup_date"] = latest.next_date
            if vals:
                partner.sudo().write(vals)

    def _ps_schedule_next_steps(self):
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for followup in self.filtered("next_date"):
            record = followup.lead_id or followup.partner_id
            activity = record.sudo().activity_schedule(
                activity_type_id=todo.id if todo else False,
                date_deadline=followup.next_date,
                summary=followup.next_step or self.env._("Follow up"),
                note=followup.summary,
                user_id=(followup.partner_id.user_id or followup.user_id).id,
            )
            followup.activity_id = activity
