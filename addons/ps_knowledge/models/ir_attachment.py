from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.ps_base.internal import is_system

from .ps_confidentiality_level import LEVEL_RANK

# Files bound to these records are vault files: they follow the level of their
# document or deliverable in every field and route.
VAULT_MODELS = ("ps.document", "ps.project.deliverable")
# What binds or opens a vault file: only administrators (and the system) set them.
VAULT_BINDING_FIELDS = ("res_model", "res_id", "res_field", "public", "access_token")
# Fields that carry a file's content.
CONTENT_FIELDS = ("datas", "raw", "db_datas", "index_content")


def levels_above(rank):
    """Codes of the levels above clearance ``rank``."""
    return [code for code, level_rank in LEVEL_RANK.items() if level_rank > rank]


def check_group_content(env, fnames, groupby, aggregates, having, order):
    """Refuse grouping, aggregating, filtering groups or ordering them by a
    field that carries content: the groups would hand the content out
    without the audit of a download."""
    specs = [str(order or "")]
    for spec in (groupby, aggregates):
        specs += [spec] if isinstance(spec, str) else list(spec or ())
    specs += [leaf[0] for leaf in having or () if isinstance(leaf, (list, tuple)) and leaf]
    specs = [part for spec in specs for part in str(spec).split(",")]
    named = {str(spec).strip().split(" ")[0].split(":")[0].split(".")[0] for spec in specs}
    used = [fname for fname in fnames if fname in named]
    if used:
        raise UserError(
            env._(
                "The content of files (%(fields)s) cannot be grouped or totalled: "
                "open the documents instead.",
                fields=", ".join(used),
            )
        )


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    # Inverse of the deliverables' files (their relation table; no new column):
    # the record rule on attachments hides the files of deliverables above the
    # user's clearance, wherever the file is bound.
    ps_deliverable_ids = fields.Many2many(
        "ps.project.deliverable",
        "ps_project_deliverable_attachment_rel",
        "attachment_id",
        "deliverable_id",
        string="Deliverables",
        copy=False,
    )

    # -- access ---------------------------------------------------------------
    @api.model
    def check(self, mode, values=None):
        """Core access, then the vault's: a public or tokened vault file is still
        checked against its document, and the files of a deliverable need the
        clearance of its level."""
        res = super().check(mode, values=values)
        if self and not self.env.su:
            self._ps_check_vault_access(mode)
        return res

    def _ps_vault_rows(self):
        """(id, res_model, res_id, public) of the vault files among ``self``."""
        # SQL: no ORM read with sudo, whose values would land in the shared cache.
        self.flush_model(["res_model", "res_id", "public"])
        return self.env.execute_query(
            SQL(
                "SELECT id, res_model, res_id, public FROM ir_attachment "
                "WHERE id IN %s AND res_model IN %s",
                tuple(self.ids),
                VAULT_MODELS,
            )
        )

    def _ps_check_vault_access(self, mode):
        forbidden = self._ps_above_clearance()
        if not forbidden:
            if mode == "read":
                rows = self._ps_vault_rows()
                for model, res_id in {(model, res_id) for _id, model, res_id, pub in rows if pub}:
                    # Core lets anyone read a public file: not a vault file.
                    self.env[model].browse(res_id).exists().check_access("read")
            return
        raise AccessError(
            self.env._(
                "File %(file)s belongs to a deliverable above your clearance.",
                file=forbidden[:1].sudo().with_context(prefetch_fields=False).name,
            )
        )

    def _ps_above_clearance(self):
        """Files of ``self`` that belong to (are bound to, or listed on) a
        deliverable above the current user's clearance, except the user's own
        uploads (they brought the content)."""
        above = levels_above(self.env.user.ps_clearance_rank)
        if not above or not self.ids:
            return self.browse()
        self.flush_model(["res_model", "res_id", "create_uid"])
        self.env["ps.project.deliverable"].flush_model(["confidentiality", "attachment_ids"])
        # Two indexed look-ups: the files bound to a deliverable, and those it lists.
        rows = self.env.execute_query(
            SQL(
                """
                SELECT a.id
                  FROM ir_attachment a
                  JOIN ps_project_deliverable d ON d.id = a.res_id
                 WHERE a.id IN %(ids)s AND a.res_model = 'ps.project.deliverable'
                   AND d.confidentiality IN %(above)s AND a.create_uid IS DISTINCT FROM %(uid)s
                 UNION
                SELECT a.id
                  FROM ir_attachment a
                  JOIN ps_project_deliverable_attachment_rel r ON r.attachment_id = a.id
                  JOIN ps_project_deliverable d ON d.id = r.deliverable_id
                 WHERE a.id IN %(ids)s
                   AND d.confidentiality IN %(above)s AND a.create_uid IS DISTINCT FROM %(uid)s
                """,
                ids=tuple(self.ids),
                above=tuple(above),
                uid=self.env.uid,
            )
        )
        return self.browse(row[0] for row in rows)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, self._ps_vault_search_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _ps_vault_search_domain(self):
        """Hide the files bound to deliverables above the user's clearance
        (but the user's own uploads), and public vault files whose record the
        user cannot read."""
        # sudo: which deliverables are above the clearance, whoever may read them.
        Deliverable = self.env["ps.project.deliverable"]
        domain = []
        above = levels_above(self.env.user.ps_clearance_rank)
        if above:
            hidden = Deliverable.sudo()._search([("confidentiality", "in", above)])
            domain.append(
                [
                    "!",
                    "&",
                    "&",
                    ("res_model", "=", Deliverable._name),
                    ("res_id", "in", hidden),
                    ("create_uid", "!=", self.env.uid),
                ]
            )
        for model in VAULT_MODELS:
            public = ["&", ("public", "=", True), ("res_model", "=", model)]
            Model = self.env[model].with_context(active_test=False)
            if Model.has_access("read"):
                public = ["&", *public, ("res_id", "not in", Model._search([]))]
            domain.append(["!", *public])
        return expression.AND(domain)

    def validate_access(self, access_token):
        """Neither a token nor the public flag opens a vault file: its readers
        are those of its document."""
        self.ensure_one()
        if self._ps_vault_rows():
            self.check("read")
            return self
        return super().validate_access(access_token)

    # -- binding --------------------------------------------------------------
    def _ps_may_bind_vault(self):
        return is_system(self.env) or self.env.user.has_group("base.group_system")

    def _ps_refuse_binding(self, attachment_name):
        raise UserError(
            self.env._(
                "File %(file)s is a vault file: only administrators may move it to another "
                "record, make it public or share it by link. Its readers are those of its "
                "document.",
                file=attachment_name,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._ps_may_bind_vault():
            for vals in vals_list:
                if vals.get("res_model") in VAULT_MODELS and (
                    vals.get("public") or vals.get("access_token")
                ):
                    self._ps_refuse_binding(vals.get("name") or "")
        return super().create(vals_list)

    def write(self, vals):
        if self and not self._ps_may_bind_vault():
            guarded = vals.keys() & set(VAULT_BINDING_FIELDS)
            if guarded:
                self._ps_check_binding_write(vals, guarded)
        return super().write(vals)

    def _ps_check_binding_write(self, vals, guarded):
        vault = {row[0] for row in self._ps_vault_rows()}
        for attachment in self.sudo().with_context(prefetch_fields=False):
            if attachment.id in vault:
                # A vault file keeps its record, stays private and unshared.
                changed = [
                    fname
                    for fname in guarded
                    if attachment._fields[fname].convert_to_write(attachment[fname], attachment)
                    != (vals[fname] or False)
                ]
            elif vals.get("res_model", attachment.res_model) in VAULT_MODELS:
                # A file filed into the vault is private and unshared.
                changed = [f for f in ("public", "access_token") if vals.get(f)]
            else:
                changed = []
            if changed:
                self._ps_refuse_binding(attachment.name)

    def copy_data(self, default=None):
        if self and not self._ps_may_bind_vault() and self._ps_vault_rows():
            rebinding = (default or {}).keys() & set(VAULT_BINDING_FIELDS)
            if rebinding:
                # The copy would carry the vault file's content to another record.
                self._ps_refuse_binding(self[:1].sudo().with_context(prefetch_fields=False).name)
        return super().copy_data(default=default)

    def generate_access_token(self):
        if not self._ps_may_bind_vault():
            vault = self.browse(row[0] for row in self._ps_vault_rows()) if self else self
            if vault:
                self._ps_refuse_binding(vault[:1].sudo().with_context(prefetch_fields=False).name)
        return super().generate_access_token()

    # -- content through the API ----------------------------------------------
    def _read_format(self, fnames, load="_classic_read"):
        # Reading the content of vault files through the API (read, search_read,
        # web_read) is audited like a download (the web client's forms ask for
        # sizes only: bin_size).
        records = super()._read_format(fnames, load=load)
        if (
            set(CONTENT_FIELDS) & set(fnames)
            and not self.env.context.get("bin_size")
            and not self.env.su
        ):
            self.env["ps.document.access.log"]._ps_log_attachments(self, "rpc")
        return records

    def export_data(self, fields_to_export):
        res = super().export_data(fields_to_export)
        if not self.env.su and any(
            set(path.split("/")) & set(CONTENT_FIELDS) for path in fields_to_export
        ):
            self.env["ps.document.access.log"]._ps_log_attachments(self, "rpc")
        return res

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        if not self.env.su:
            check_group_content(self.env, CONTENT_FIELDS, groupby, aggregates, having, order)
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )
