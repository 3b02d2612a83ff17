# Copyright 2026 Professional Services Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Professional Services: Controls",
    "summary": "What every addon of the suite relies on: the internal-write marker, "
    "tier reviews that only their reviewers decide",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/ps-suite/ps-suite",
    "author": "Professional Services Suite",
    "license": "LGPL-3",
    "depends": ["base_tier_validation"],
}
