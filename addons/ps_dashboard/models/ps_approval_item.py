from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

KINDS = [
    ("review", "Tier Review"),
    ("collection", "Collection to Confirm"),
    ("expense", "Expense Report to Approve"),
]
# Row ids: (source id * 8 + kind) * 2^21 + user id, so that a row keeps its id
# between two reads (buttons act on the row the user saw) and stays below 2^53
# (JavaScript numbers) for source ids up to 2^28 and user ids up to 2^21.
USER_BITS = 2097152


class PsApprovalItem(models.Model):
    """The approvals inbox: one row per item waiting for a user's decision.

    A SQL view over the suite's approvals:

    * tier reviews (OCA ``base_tier_validation``) pending for one of their
      reviewers: project gates and change requests, contracts, amendments,
      invoice requests, budgets, payment requests, over-budget expense reports;
    * collections recorded by sales, for every finance controller to confirm;
    * expense reports submitted to their approver (those also waiting for a
      tier review show as that review).

    Approving or rejecting from the inbox calls the record's own action as the
    current user, so the record's rules and checks apply unchanged.
    """

    _name = "ps.approval.item"
    _description = "Approvals Inbox"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"
    _depends = {
        # can_review: computing it is what turns a new review from waiting to
        # pending, so it is flushed (recomputed) before the view is read.
        "tier.review": [
            "status",
            "can_review",
            "reviewer_ids",
            "model",
            "res_id",
            "requested_by",
            "company_id",
        ],
        "ps.contract.collection": ["state", "company_id"],
        "hr.expense.sheet": ["approval_state", "user_id", "company_id"],
        "res.users": ["active", "groups_id"],
    }

    user_id = fields.Many2one("res.users", string="Decision By", readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", readonly=True)
    review_id = fields.Many2one("tier.review", readonly=True)
    requested_by_id = fields.Many2one("res.users", readonly=True)
    requested_by_name = fields.Char(related="requested_by_id.name", string="Requester")
    date = fields.Datetime(string="Requested On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    name = fields.Char(string="Document", compute="_compute_name")
    document_type = fields.Char(compute="_compute_name")
    # What a phone approver needs without opening the document.
    amount = fields.Monetary(compute="_compute_summary", currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", compute="_compute_summary")
    partner_name = fields.Char(string="Customer / Supplier", compute="_compute_summary")
    project_name = fields.Char(string="Project", compute="_compute_summary")
    summary = fields.Char(string="Reason", compute="_compute_summary")
    age_days = fields.Integer(string="Waiting (Days)", compute="_compute_summary")

    def _query(self):
        return SQL(
            """
            SELECT (r.id::bigint * 8 + 1) * %(bits)s + rel.res_users_id AS id,
                   rel.res_users_id AS user_id,
                   'review' AS kind,
                   r.model AS res_model,
                   r.res_id,
                   r.id AS review_id,
                   r.requested_by AS requested_by_id,
                   r.create_date AS date,
                   r.company_id
              FROM tier_review r
              JOIN res_users_tier_review_rel rel ON rel.tier_review_id = r.id
              JOIN res_users u ON u.id = rel.res_users_id AND u.active
             WHERE r.status = 'pending'
            UNION ALL
            SELECT (c.id::bigint * 8 + 2) * %(bits)s + gu.uid,
                   gu.uid,
                   'collection',
                   'ps.contract.collection',
                   c.id,
                   NULL,
                   c.create_uid,
                   c.create_date,
                   c.company_id
              FROM ps_contract_collection c
              JOIN ir_model_data d
                ON d.module = 'ps_contract' AND d.name = 'group_ps_finance'
               AND d.model = 'res.groups'
              JOIN res_groups_users_rel gu ON gu.gid = d.res_id
              JOIN res_users u ON u.id = gu.uid AND u.active
             WHERE c.state = 'recorded'
            UNION ALL
            SELECT (s.id::bigint * 8 + 3) * %(bits)s + s.user_id,
                   s.user_id,
                   'expense',
                   'hr.expense.sheet',
                   s.id,
                   NULL,
                   s.create_uid,
                   s.create_date,
                   s.company_id
              FROM hr_expense_sheet s
              JOIN res_users u ON u.id = s.user_id AND u.active
             WHERE s.approval_state = 'submit'
               AND NOT EXISTS (
                   SELECT 1 FROM tier_review r
                    WHERE r.model = 'hr.expense.sheet' AND r.res_id = s.id
                      AND r.status IN ('waiting', 'pending'))
            """,
            bits=USER_BITS,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    @api.depends("res_model", "res_id")
    def _compute_name(self):
        by_model = defaultdict(list)
        for item in self:
            by_model[item.res_model].append(item.res_id)
        names, types = {}, {}
        for model, ids in by_model.items():
            if model not in self.env:
                continue
            # The model's label (ir.model is not readable by every user).
            types[model] = self.env["ir.model"].sudo()._get(model).name
            records = self.env[model].browse(ids).exists()._filtered_access("read")
            names.update({(model, rec.id): rec.display_name for rec in records})
        for item in self:
            item.document_type = types.get(item.res_model, item.res_model)
            item.name = names.get(
                (item.res_model, item.res_id), f"{item.document_type} #{item.res_id}"
            )

    @api.depends("res_model", "res_id", "date")
    @api.depends_context("uid")
    def _compute_summary(self):
        """Amount, customer or supplier, project and reason of each row's
        document, read from the documents the user may read (the names of
        others' records only as the document itself shows them)."""
        now = fields.Datetime.now()
        by_model = defaultdict(list)
        for item in self:
            by_model[item.res_model].append(item.res_id)
        values = {}
        for model, ids in by_model.items():
            if model not in self.env:
                continue
            readable = self.env[model].browse(ids).exists()._filtered_access("read")
            for record in readable.sudo():
                values[(model, record.id)] = self._ps_summary_of(record)
        for item in self:
            found = values.get((item.res_model, item.res_id), {})
            item.amount = found.get("amount", 0.0)
            item.currency_id = found.get("currency") or self.env.company.currency_id
            item.partner_name = found.get("partner", False)
            item.project_name = found.get("project", False)
            item.summary = found.get("summary", False)
            item.age_days = (now - item.date).days if item.date else 0

    @api.model
    def _ps_summary_of(self, record):
        fields_ = record._fields
        amount = next(
            (
                record[name]
                for name in ("amount_total", "amount", "total_amount", "amount_after")
                if name in fields_ and fields_[name].type == "monetary"
            ),
            0.0,
        )
        partner = record.partner_id if "partner_id" in fields_ else None
        if not partner and "lead_id" in fields_:
            partner = record.lead_id.partner_id
            amount = amount or record.lead_id.expected_revenue
        project = record.project_id if "project_id" in fields_ else None
        if not project and "contract_id" in fields_:
            project = record.contract_id.project_id
        if hasattr(record, "_ps_approval_summary"):
            # the document says best what its approver must know (change requests)
            summary = record._ps_approval_summary()
        else:
            summary = next(
                (
                    record[name]
                    for name in ("reason", "description", "ps_over_budget_reason")
                    if name in fields_ and record[name]
                ),
                False,
            )
        return {
            "amount": amount,
            "currency": record.currency_id if "currency_id" in fields_ else None,
            "partner": partner.display_name if partner else False,
            "project": project.display_name if project else False,
            "summary": (summary or "")[:300] or False,
        }

    def _ps_records(self):
        """The documents of these rows, as the current user, once each."""
        self.ensure_one()
        if self.user_id != self.env.user:
            raise UserError(
                self.env._(
                    "%(document)s waits for %(user)s's decision, not yours.",
                    document=self.name,
                    user=self.user_id.name,
                )
            )
        return self.env[self.res_model].browse(self.res_id)

    def _ps_check_still_waiting(self):
        """The row may be stale (decided elsewhere since the list was loaded)."""
        current = self.browse(self._ids).exists()
        if current == self:
            # Rows of someone else's inbox are not the current user's to decide.
            self.check_access("read")
        else:
            raise UserError(
                self.env._("This item was decided in the meantime: reload the approvals inbox.")
            )

    def action_approve(self):
        """Approve the documents of these rows (validate their tier, confirm the
        collection, approve the expense report), as the current user, each
        through the same API as a single approval.

        Several rows (bulk approval from the list) are approved all or none:
        a row that is not the user's to decide, or that its document refuses,
        refuses the whole batch, naming it, and nothing is decided."""
        self._ps_check_still_waiting()
        for item in self:
            record = item._ps_records()
            try:
                if item.kind == "review":
                    result = record.validate_tier()
                elif item.kind == "collection":
                    result = record.action_confirm()
                else:
                    result = record.action_approve_expense_sheets()
            except UserError as error:
                if len(self) == 1:
                    raise
                raise UserError(
                    self.env._(
                        "Nothing was approved: %(document)s cannot be approved with the "
                        "others (%(error)s). Leave it out of the selection, or approve it alone.",
                        document=item.name,
                        error=error.args[0] if error.args else error,
                    )
                ) from error
            if isinstance(result, dict):
                if len(self) == 1:
                    return result  # a comment or confirmation wizard
                raise UserError(
                    self.env._(
                        "Nothing was approved: %(document)s asks for a comment with its "
                        "decision. Leave it out of the selection, or approve it alone.",
                        document=item.name,
                    )
                )
        return True

    def action_reject(self):
        """Reject the documents of these rows, as the current user."""
        self._ps_check_still_waiting()
        for item in self:
            record = item._ps_records()
            if item.kind == "review":
                result = record.reject_tier()
            elif item.kind == "collection":
                result = record.action_reject()
            else:
                result = record.action_refuse_expense_sheets()
                if isinstance(result, dict):
                    result["context"] = {
                        "active_model": record._name,
                        "active_ids": record.ids,
                        "active_id": record.id,
                    }
            if isinstance(result, dict) and len(self) == 1:
                return result  # the reason wizard
        return True

    def action_open_document(self):
        """The document itself, to read it before deciding."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }
