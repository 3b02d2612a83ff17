from contextlib import contextmanager

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

CONTRACT_MODELS = ["ps.contract", "ps.contract.amendment", "ps.invoice.request"]


class PsContractCase(TransactionCase):
    """Users of every role, a customer, two services without taxes (amounts stay
    readable) and helpers to build contracts in any state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # Approval chains of the database (demo) must not change what is tested here;
        # tests that need one create it. Without any rule the owning role still
        # decides (sales managers: contracts and amendments; finance: invoice
        # requests), never the requester.
        cls.env["tier.definition"].search([("model", "in", CONTRACT_MODELS)]).active = False
        cls.salesman = new_test_user(
            cls.env, login="ps_ct_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.colleague = new_test_user(
            cls.env, login="ps_ct_colleague", groups="sales_team.group_sale_salesman"
        )
        cls.director = new_test_user(
            cls.env, login="ps_ct_director", groups="sales_team.group_sale_manager"
        )
        cls.director_2 = new_test_user(
            cls.env, login="ps_ct_director_2", groups="sales_team.group_sale_manager"
        )
        cls.finance = new_test_user(
            cls.env, login="ps_ct_finance", groups="base.group_user,ps_contract.group_ps_finance"
        )
        cls.pmo = new_test_user(cls.env, login="ps_ct_pmo", groups="project.group_project_manager")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Northwind Advisory Client", "is_company": True}
        )
        cls.currency = cls.env.company.currency_id
        cls.service = cls.env["product.product"].create(
            {
                "name": "Operating model review",
                "type": "service",
                "list_price": 1000.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.service_2 = cls.env["product.product"].create(
            {
                "name": "Change management coaching",
                "type": "service",
                "list_price": 500.0,
                "taxes_id": [Command.clear()],
            }
        )

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):
        """Like Odoo's assertRaises (which rolls back to a savepoint what the
        failing call wrote), and checks the message."""
        with self.assertRaises(expected_exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), expected_regex)

    def _contract(
        self, user=None, quantity=10, milestones=((50, "2026-01-31"), (50, "2026-03-31"))
    ):
        """A draft contract of ``quantity`` × 1,000 with percentage milestones."""
        user = user or self.salesman
        return (
            self.env["ps.contract"]
            .with_user(user)
            .create(
                {
                    "title": "Operating model",
                    "partner_id": self.customer.id,
                    "line_ids": [
                        Command.create({"product_id": self.service.id, "quantity": quantity})
                    ],
                    "milestone_ids": [
                        Command.create(
                            {"name": f"Instalment {i}", "percentage": pct, "date_due": due}
                        )
                        for i, (pct, due) in enumerate(milestones, 1)
                    ],
                }
            )
        )

    def _director_approves(self, record):
        """A sales director (not the one who asked, if a director asked)
        validates the review of a contract or an amendment."""
        requesters = record.sudo().review_ids.requested_by
        director = self.director if self.director not in requesters else self.director_2
        record.with_user(director).validate_tier()

    def _signed_contract(self, user=None, **kwargs):
        contract = self._contract(user=user, **kwargs)
        contract.action_submit_review()
        self._director_approves(contract)
        contract.action_sign()
        return contract

    def _request(self, contract, milestone=None, user=None, **vals):
        milestone = milestone or contract.milestone_ids[0]
        return (
            self.env["ps.invoice.request"]
            .with_user(user or self.salesman)
            .create({"contract_id": contract.id, "milestone_id": milestone.id, **vals})
        )

    def _collection(self, contract, amount, user=None, milestone=None, date="2026-01-20"):
        return (
            self.env["ps.contract.collection"]
            .with_user(user or self.salesman)
            .create(
                {
                    "contract_id": contract.id,
                    "milestone_id": (milestone or contract.milestone_ids[0]).id,
                    "amount": amount,
                    "date": date,
                }
            )
        )
