from odoo import models

from ..internal import internal, is_system

# base_tier_validation's context keys that lift its checks. They count only
# from server code (superuser or the suite's internal mode): a JSON-RPC client
# can send any context key.
TRUSTED_KEYS = ("skip_validation_check", "skip_check_state_condition")


class TierValidation(models.AbstractModel):
    """The validation API writes the reviews in the suite's internal mode (the
    reviews refuse any other write, see ``tier.review``). Each entry point keeps
    base_tier_validation's own checks of who decides: ``_validate_tier`` and
    ``_rejected_tier`` only touch the reviews of which the current user is a
    reviewer."""

    _inherit = "tier.validation"

    def _ps_without_forged_keys(self):
        context = self.env.context
        if is_system(self.env) or not any(context.get(k) for k in TRUSTED_KEYS):
            return self
        return self.with_context(**dict.fromkeys(TRUSTED_KEYS, False))

    def _tier_validation_check_write_allowed(self, vals):
        me = self._ps_without_forged_keys()
        return super(TierValidation, me)._tier_validation_check_write_allowed(vals)

    def _check_state_from_condition(self):
        return super(TierValidation, self._ps_without_forged_keys())._check_state_from_condition()

    def _validate_tier(self, tiers=False):
        me = internal(self)
        return super(TierValidation, me)._validate_tier(tiers and tiers.with_env(me.env))

    def _rejected_tier(self, tiers=False):
        me = internal(self)
        return super(TierValidation, me)._rejected_tier(tiers and tiers.with_env(me.env))

    def request_validation(self):
        created = super(TierValidation, internal(self)).request_validation()
        return created.with_env(self.env)

    def restart_validation(self):
        # Public (a button): only those who may change the document restart its reviews.
        self.check_access("write")
        return super(TierValidation, internal(self)).restart_validation()

    def _update_counter(self, review_counter):
        return super(TierValidation, internal(self))._update_counter(review_counter)

    def _tier_validation_check_write_remove_reviews(self, vals):
        return super(TierValidation, internal(self))._tier_validation_check_write_remove_reviews(
            vals
        )

    def unlink(self):
        # The reviews go with their document; the document's own guards still
        # decide whether it may be deleted (they run without the marker).
        internal(self.review_ids).unlink()
        return super().unlink()
