import re
import unicodedata
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.ps_base.internal import internal, is_internal
from odoo.addons.ps_base.tools import check_lengths

# Legal-form words ignored when comparing customer names, so that "ACME Ltd",
# "Acme Limited" and "ACME CO., LTD." are one customer. Compared after
# lower-casing and removing spaces and punctuation.
LEGAL_FORM_SUFFIXES = sorted(
    {
        "limited",
        "ltd",
        "coltd",
        "co",
        "company",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "srl",
        "bv",
        "nv",
        "pte",
        "pty",
        "group",
        "股份有限公司",
        "有限责任公司",
        "有限責任公司",
        "有限公司",
        "集团",
        "集團",
        "公司",
    },
    key=len,
    reverse=True,
)

OWNER_CHANGES = [("release", "Released to pool"), ("claim", "Claimed"), ("assign", "Assigned")]


def normalize_customer_name(name):
    """Comparison key of a customer name: case, width, spaces, punctuation and
    trailing legal forms do not count."""
    key = unicodedata.normalize("NFKC", name or "").casefold()
    key = re.sub(r"[\W_]+", "", key)
    stripped = True
    while stripped and key:
        stripped = False
        for suffix in LEGAL_FORM_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key[: -len(suffix)]
                stripped = True
                break
    return key


def normalize_phone(phone):
    """Comparison key of a phone number: its last nine digits (ignores country
    prefixes and formatting); short numbers are not compared."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-9:] if len(digits) >= 7 else False


class ResPartner(models.Model):
    _inherit = "res.partner"

    ps_is_customer = fields.Boolean(
        string="Customer Account",
        index=True,
        copy=False,
        tracking=True,
        help="A customer of the firm: unique per company, owned by one salesperson "
        "(the Salesperson field) or waiting in the public pool.",
    )
    ps_customer_type_id = fields.Many2one(
        "ps.customer.type", string="Customer Type", tracking=True, index="btree_not_null"
    )
    ps_level_id = fields.Many2one(
        "ps.customer.level", string="Customer Level", tracking=True, index="btree_not_null"
    )
    ps_level_manual = fields.Boolean(
        string="Level Set by Hand",
        help="The level rule leaves this customer's level alone.",
    )
    ps_credit_grade_id = fields.Many2one(
        "ps.credit.grade", string="Credit Grade", tracking=True, index="btree_not_null"
    )
    ps_credit_grade_manual = fields.Boolean(
        string="Grade Set by Hand", help="The credit rule leaves this customer's grade alone."
    )
    ps_customer_status = fields.Selection(
        [
            ("prospect", "Prospect"),
            ("active", "Active"),
            ("dormant", "Dormant"),
            ("lost", "Lost"),
        ],
        string="Customer Status",
        default="prospect",
        tracking=True,
    )
    ps_key_account_tier = fields.Selection(
        [("strategic", "Strategic"), ("key", "Key"), ("standard", "Standard")],
        string="Key-Account Tier",
        tracking=True,
    )
    ps_can_assign_owner = fields.Boolean(
        string="Can Assign Owners", compute="_compute_ps_can_assign_owner"
    )
    ps_owner_since = fields.Datetime(
        string="Owned Since", copy=False, readonly=True, help="When the current owner got it."
    )
    ps_last_followup_date = fields.Datetime(string="Last Follow-up", copy=False, readonly=True)
    ps_next_followup_date = fields.Date(
        string="Next Follow-up", copy=False, readonly=True, index="btree_not_null"
    )
    ps_pool_reference_date = fields.Datetime(
        string="Pool Clock Start",
        compute="_compute_ps_pool_reference_date",
        store=True,
        index="btree_not_null",
        help="Latest of the last follow-up and the date the owner got the customer: the "
        "public-pool clock starts here.",
    )
    ps_followup_ids = fields.One2many("ps.customer.followup", "partner_id", string="Follow-ups")
    ps_followup_count = fields.Integer(
        string="Follow-up Count", compute="_compute_ps_followup_count"
    )
    ps_pool_log_ids = fields.One2many("ps.customer.pool.log", "partner_id", string="Pool History")
    ps_name_key = fields.Char(string="Name Key", compute="_compute_ps_keys", store=True, index=True)
    ps_vat_key = fields.Char(
        string="Tax ID Key", compute="_compute_ps_keys", store=True, index="btree_not_null"
    )
    ps_phone_key = fields.Char(
        string="Phone Key", compute="_compute_ps_keys", store=True, index="btree_not_null"
    )
    ps_email_key = fields.Char(
        string="E-mail Key", compute="_compute_ps_keys", store=True, index="btree_not_null"
    )

    @api.depends_context("uid")
    def _compute_ps_can_assign_owner(self):
        self.ps_can_assign_owner = self._ps_is_sales_manager()

    @api.depends("ps_owner_since", "ps_last_followup_date")
    def _compute_ps_pool_reference_date(self):
        for partner in self:
            dates = [d for d in (partner.ps_owner_since, partner.ps_last_followup_date) if d]
            partner.ps_pool_reference_date = max(dates) if dates else False

    @api.depends("name", "vat", "phone", "mobile", "email")
    def _compute_ps_keys(self):
        for partner in self:
            partner.ps_name_key = normalize_customer_name(partner.name) or False
            partner.ps_vat_key = re.sub(r"[\W_]+", "", partner.vat or "").upper() or False
            partner.ps_phone_key = normalize_phone(partner.phone or partner.mobile)
            partner.ps_email_key = (partner.email or "").strip().casefold() or False

    def _compute_ps_followup_count(self):
        counts = dict(
            self.env["ps.customer.followup"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.ps_followup_count = counts.get(partner, 0)

    # ------------------------------------------------------------------
    # One customer, one owner
    # ------------------------------------------------------------------
    # The check below names the existing customer; these constraints hold the
    # rule when two salespeople register the same customer at the same instant
    # (the Python check of each cannot see the other's uncommitted row).
    _sql_constraints = [
        (
            f"ps_customer_{key}_unique",
            f"EXCLUDE USING btree (company_id WITH =, ps_{key}_key WITH =) "
            f"WHERE (ps_is_customer AND parent_id IS NULL AND ps_{key}_key IS NOT NULL)",
            "This customer is already registered in this company (same name, tax ID, phone "
            "or e-mail): ask its owner or a sales director.",
        )
        for key in ("name", "vat", "phone", "email")
    ]

    @api.constrains("ps_is_customer", "name", "vat", "phone", "mobile", "email", "company_id")
    def _check_ps_unique_customer(self):
        """A customer account exists once per company: same normalised name, VAT,
        phone or e-mail is the same customer. One query for the whole batch."""
        customers = self.filtered(lambda p: p.ps_is_customer and not p.parent_id)
        if not customers:
            return
        keys = ("ps_name_key", "ps_vat_key", "ps_phone_key", "ps_email_key")
        values = {key: {v for v in customers.mapped(key) if v} for key in keys}
        key_terms = [
            SQL("%s IN %s", SQL.identifier(key), tuple(vals))
            for key, vals in values.items()
            if vals
        ]
        if not key_terms:
            return
        # Plain SQL, not search(): a search would first flush these records' new
        # keys, and the database's exclusion constraints (which hold the rule
        # between concurrent transactions) would refuse them with a bare error
        # before this check can name the existing customer and its owner. The
        # pending keys of other partners are flushed first.
        for key in keys:
            dirty = self.env.cache.get_dirty_records(self, self._fields[key])
            (self.browse(dirty._ids) - customers).flush_recordset([key])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE ps_is_customer AND parent_id IS NULL AND (%s)",
                SQL(" OR ").join(key_terms),
            )
        )
        candidates = (
            self.sudo()
            .with_context(active_test=False)
            .browse([row[0] for row in self.env.cr.fetchall()])
        )
        labels = {
            "ps_name_key": self.env._("name"),
            "ps_vat_key": self.env._("tax ID"),
            "ps_phone_key": self.env._("phone"),
            "ps_email_key": self.env._("e-mail"),
        }
        index = {}  # (key field, value) -> candidates having it
        for other in candidates:
            for key in keys:
                if other[key]:
                    index.setdefault((key, other[key]), []).append(other)
        for partner in customers:
            company = partner.company_id
            for key in keys:
                for other in index.get((key, partner[key]), []) if partner[key] else []:
                    if other == partner or (
                        company and other.company_id and company != other.company_id
                    ):
                        continue
                    raise ValidationError(
                        self.env._(
                            "%(new)s is already a customer: %(existing)s (same %(what)s), "
                            "owned by %(owner)s. Ask the owner or a sales director instead "
                            "of registering it again.",
                            new=partner.name,
                            existing=other.display_name,
                            what=labels[key],
                            owner=other.user_id.name or self.env._("the public pool"),
                        )
                    )

    def _ps_is_sales_manager(self):
        user = self.env.user
        return self.env.su or user.has_group("sales_team.group_sale_manager")

    def _ps_check_lengths(self, vals_list):
        # The comparison keys of these fields are indexed (one customer per company).
        check_lengths(
            self.env,
            vals_list,
            {
                "name": (self.env._("The name"), 512),
                "email": (self.env._("The e-mail"), 254),
                "vat": (self.env._("The tax ID"), 64),
                "phone": (self.env._("The phone"), 64),
                "mobile": (self.env._("The mobile"), 64),
            },
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._ps_check_lengths(vals_list)
        now = fields.Datetime.now()
        is_salesman = self.env.user.has_group("sales_team.group_sale_salesman")
        for vals in vals_list:
            if vals.get("ps_is_customer") and not vals.get("parent_id"):
                # A customer account belongs to the company that registers it.
                vals.setdefault("company_id", self.env.company.id)
                # The first salesperson to register a customer owns it.
                if "user_id" not in vals and is_salesman and not self.env.su:
                    vals["user_id"] = self.env.user.id
                if vals.get("user_id"):
                    vals.setdefault("ps_owner_since", now)
        partners = super().create(vals_list)
        partners._ps_check_required_data()
        return partners

    # What a customer type's data rules read (see ps.customer.type._ps_missing_data).
    _PS_REQUIRED_DATA_FIELDS = {
        "ps_customer_type_id",
        "ps_is_customer",
        "parent_id",
        "vat",
        "street",
        "city",
        "country_id",
        "phone",
        "mobile",
        "email",
    }

    def _ps_check_required_data(self, written=None):
        """A customer account has the data its type requires. On a write, only
        when the write touches the type or that data: an older record missing
        some stays editable until someone touches them."""
        if written is not None and not written & self._PS_REQUIRED_DATA_FIELDS:
            return
        for partner in self:
            if not partner.ps_is_customer or partner.parent_id or not partner.ps_customer_type_id:
                continue
            missing = partner.ps_customer_type_id._ps_missing_data(partner)
            if missing:
                raise ValidationError(
                    self.env._(
                        "%(customer)s is a customer of type %(type)s, which needs: %(fields)s.",
                        customer=partner.display_name,
                        type=partner.ps_customer_type_id.name,
                        fields=", ".join(missing),
                    )
                )

    def write(self, vals):
        self._ps_check_lengths([vals])
        if "user_id" not in vals:
            res = super().write(vals)
            self._ps_check_required_data(written=set(vals))
            return res
        new_owner = vals["user_id"] or False
        changed = self.filtered(
            lambda p: p.ps_is_customer and not p.parent_id and p.user_id.id != new_owner
        )
        if not changed:
            return super().write(vals)
        # Claim and the pool's release say which they are; a client's context cannot.
        action = is_internal(self.env) and self.env.context.get("ps_owner_change")
        if not action:
            if not self._ps_is_sales_manager():
                raise UserError(
                    self.env._(
                        "Only a sales director can change the owner of a customer. Take a "
                        "customer from the public pool with Claim."
                    )
                )
            action = "assign"
        # Every owner change of a customer account restarts the pool clock and is logged.
        previous = {p.id: p.user_id.id for p in changed}
        res = super(ResPartner, internal(self).with_context(ps_owner_change=action)).write(vals)
        internal(changed).with_context(ps_owner_change=action).write(
            {"ps_owner_since": fields.Datetime.now() if new_owner else False}
        )
        self.env["ps.customer.pool.log"].sudo().create(
            [
                {
                    "partner_id": p.id,
                    "action": action,
                    "previous_user_id": previous[p.id],
                    "new_user_id": new_owner,
                    "company_id": p.company_id.id or self.env.company.id,
                }
                for p in changed
            ]
        )
        if new_owner:
            changed._ps_hand_over_activities(previous, new_owner)
        return res

    def _ps_hand_over_activities(self, previous_owners, new_owner):
        """The previous owners' open to-dos on these customers, and those their
        follow-ups scheduled (on the customer or on an opportunity), go to the
        new owner: whoever owns the customer does its follow-up. Other people's
        activities stay theirs. One query to find them, one write per previous
        owner."""
        followups = (
            self.env["ps.customer.followup"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("activity_id", "!=", False)])
        )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("user_id", "in", [uid for uid in previous_owners.values() if uid]),
                    "|",
                    "&",
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", self.ids),
                    ("id", "in", followups.activity_id.ids),
                ]
            )
        )
        partner_of = {f.activity_id.id: f.partner_id.id for f in followups}
        moving = activities.filtered(
            lambda a: previous_owners.get(
                a.res_id if a.res_model == "res.partner" else partner_of.get(a.id)
            )
            == a.user_id.id
        )
        if moving:
            moving.write({"user_id": new_owner})

    def _children_sync(self, values):
        # An owner change touches no commercial or address field: nothing to sync,
        # and skipping it keeps the pool release at a fixed number of queries.
        if (
            is_internal(self.env)
            and self.env.context.get("ps_owner_change")
            and values.keys()
            <= {
                "user_id",
                "ps_owner_since",
            }
        ):
            return
        return super()._children_sync(values)

    # ------------------------------------------------------------------
    # Public pool
    # ------------------------------------------------------------------
    def action_ps_claim(self):
        """Take customers from the public pool, within the per-salesperson limit."""
        user = self.env.user
        if not user.has_group("sales_team.group_sale_salesman"):
            raise UserError(self.env._("Only salespeople can claim customers."))
        customers = self.filtered(lambda p: p.ps_is_customer and not p.parent_id)
        if not customers:
            raise UserError(self.env._("Only customer accounts can be claimed."))
        # Claims of one salesperson are counted one transaction at a time: the
        # no-op update makes a concurrent claim of the same salesperson wait,
        # then fail to serialize and be retried on fresh data (Odoo retries
        # serialization failures), where it sees the first claim in the count.
        self.env.cr.execute("UPDATE res_users SET write_date = write_date WHERE id = %s", [user.id])
        # Lock the rows: two salespeople claiming at once cannot both win.
        self.env.cr.execute(
            "SELECT id FROM res_partner WHERE id = ANY(%s) FOR UPDATE", [customers.ids]
        )
        customers.invalidate_recordset(["user_id"])
        taken = customers.sudo().filtered("user_id")
        if taken:
            raise UserError(
                self.env._(
                    "%(customer)s is no longer in the public pool: %(owner)s owns it.",
                    customer=taken[0].name,
                    owner=taken[0].user_id.name,
                )
            )
        company = self.env.company
        limit = company.ps_max_owned_customers
        if limit:
            owned = self.sudo().search_count(
                [
                    ("ps_is_customer", "=", True),
                    ("parent_id", "=", False),
                    ("user_id", "=", user.id),
                ]
            )
            if owned + len(customers) > limit:
                raise UserError(
                    self.env._(
                        "You already own %(owned)s customers and the limit is %(limit)s: "
                        "release or hand over a customer before claiming another.",
                        owned=owned,
                        limit=limit,
                    )
                )
        internal(customers.sudo()).with_context(ps_owner_change="claim").write({"user_id": user.id})
        return True

    @api.model
    def _cron_ps_release_to_pool(self):
        """Return to the public pool the customers nobody followed up within their
        level's limit. One search per level and one batched write, whatever the
        number of customers."""
        now = fields.Datetime.now()
        partners = self.sudo().with_context(active_test=False)
        to_release = partners.browse()
        levels = self.env["ps.customer.level"].sudo().search([("pool_days", ">", 0)])
        for level in levels:
            to_release |= partners.search(
                [
                    ("ps_is_customer", "=", True),
                    ("parent_id", "=", False),
                    ("user_id", "!=", False),
                    ("ps_level_id", "=", level.id),
                    ("ps_pool_reference_date", "<", now - timedelta(days=level.pool_days)),
                ]
            )
        if to_release:
            internal(to_release).with_context(
                tracking_disable=True, ps_owner_change="release"
            ).write({"user_id": False})
        return to_release

    # ------------------------------------------------------------------
    # Follow-ups
    # ------------------------------------------------------------------
    def action_ps_log_followup(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Follow-up"),
            "res_model": "ps.customer.followup",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    def action_ps_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ps_crm.ps_customer_followup_action")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    # ------------------------------------------------------------------
    # Level rule
    # ------------------------------------------------------------------
    @api.model
    def _ps_won_revenue_last_year(self, partners):
        """{commercial partner: won expected revenue of the last twelve months}."""
        since = fields.Datetime.now() - timedelta(days=365)
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "child_of", partners.ids),
                    ("stage_id.is_won", "=", True),
                    ("date_closed", ">=", since),
                ],
                ["partner_id"],
                ["expected_revenue:sum"],
            )
        )
        revenue = {}
        for partner, amount in groups:
            commercial = partner.commercial_partner_id
            revenue[commercial] = revenue.get(commercial, 0.0) + amount
        return revenue

    @api.model
    def _ps_on_time_collection_rates(self, partners):
        """{commercial partner: % of the amounts due in the last twelve months that
        were collected on time}. Collections live in ps_contract, which overrides
        this; without it no customer has a collection history."""
        return {}

    def action_ps_recompute_level(self):
        """Apply the level and credit rules to these customers (values set by hand
        are kept): the first level, and the first credit grade, that fits."""
        customers = self.filtered(lambda p: p.ps_is_customer and not p.parent_id)
        companies = [False, *customers.company_id.ids, *self.env.company.ids]
        levels = self.env["ps.customer.level"].search(
            [("company_id", "in", companies)], order="sequence, id"
        )
        grades = self.env["ps.credit.grade"].search(
            [("company_id", "in", companies)], order="sequence, id"
        )
        revenue = self._ps_won_revenue_last_year(customers)
        rates = self._ps_on_time_collection_rates(customers)
        no_company = self.env["res.company"]
        for partner in customers:
            amount = revenue.get(partner, 0.0)
            if not partner.ps_level_manual:
                level = next(
                    (
                        lv
                        for lv in levels
                        if lv.company_id in (partner.company_id, no_company)
                        and amount >= lv.min_won_amount
                    ),
                    partner.ps_level_id,
                )
                if level != partner.ps_level_id:
                    partner.ps_level_id = level
            if not partner.ps_credit_grade_manual:
                grade = next(
                    (
                        g
                        for g in grades
                        if g._ps_fits(
                            partner.company_id or self.env.company, amount, rates.get(partner)
                        )
                    ),
                    partner.ps_credit_grade_id,
                )
                if grade != partner.ps_credit_grade_id:
                    partner.ps_credit_grade_id = grade
        return True

    @api.model
    def _cron_ps_recompute_levels(self):
        customers = self.sudo().search([("ps_is_customer", "=", True), ("parent_id", "=", False)])
        customers.action_ps_recompute_level()
