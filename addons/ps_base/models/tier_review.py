from odoo import api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from ..internal import internal, is_system


class TierReview(models.Model):
    """Tier reviews are decisions: they change only through the validation API
    (``validate_tier``, ``reject_tier``, ``request_validation``, ...), which
    checks that the current user is the review's reviewer, never through a
    plain ``create``/``write``/``unlink`` over RPC; and a user sees only the
    reviews of documents they may read.

    base_tier_validation gives every employee full rights on reviews and no
    record rule (any employee could approve anyone's review by writing its
    status). The validation API enters the suite's internal mode (see
    ``ps_base/internal.py``) around its own writes; nothing a client can send
    does."""

    _inherit = "tier.review"

    # ------------------------------------------------------------------
    # Reading: the reviews of documents one may read
    # ------------------------------------------------------------------
    @api.model
    def _ps_tier_models(self):
        """Names of the models under tier validation that the user may read."""
        return [
            name
            for name, model in self.env.registry.items()
            if not model._abstract
            and getattr(model._fields.get("review_ids"), "comodel_name", None) == "tier.review"
            and self.env[name].has_access("read")
        ]

    @api.model
    def _ps_readable_domain(self):
        """Reviews whose document the current user may read (one sub-select per
        model under validation, with that model's own record rules)."""
        domains = [
            [("model", "=", name), ("res_id", "in", self.env[name]._search([]))]
            for name in self._ps_tier_models()
        ]
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain or [], self._ps_readable_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or operation != "read" or self.env.su or not any(self._ids):
            return result
        visible = self.browse(self._search([("id", "in", self.ids)]))
        forbidden = self - visible
        if forbidden:
            return forbidden, lambda: AccessError(
                self.env._(
                    "You may not see these reviews: they belong to documents you cannot read."
                )
            )
        return None

    # ------------------------------------------------------------------
    # Writing: only through the validation API
    # ------------------------------------------------------------------
    def _ps_check_decided_by_api(self):
        if is_system(self.env):
            return
        raise AccessError(
            self.env._(
                "Reviews are decided only with Validate or Reject on the document, by "
                "their reviewers; they cannot be created, changed or deleted directly."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._ps_check_decided_by_api()
        return super().create(vals_list)

    def write(self, vals):
        self._ps_check_decided_by_api()
        return super().write(vals)

    def unlink(self):
        self._ps_check_decided_by_api()
        return super().unlink()

    def _compute_can_review(self):
        # base_tier_validation moves waiting reviews to pending while it
        # computes can_review (a write of status): that is the API's own work.
        return super(TierReview, internal(self))._compute_can_review()

    def _send_review_reminder(self):
        return super(TierReview, internal(self))._send_review_reminder()

    # ------------------------------------------------------------------
    # Who decides: never the requester of a decision no rule covers
    # ------------------------------------------------------------------
    @api.model
    def _get_reviewer_fields(self):
        return super()._get_reviewer_fields() + ["requested_by", "definition_id.ps_fallback"]

    def _get_reviewers(self):
        """A review made because no approval rule applied (see
        ``tier.validation._ps_request_fallback_reviews``) goes to the decision's
        owning role, less the user who asked for it."""
        reviewers = super()._get_reviewers()
        if self.definition_id.ps_fallback:
            reviewers -= self.requested_by
        return reviewers
