from . import ps_portfolio_xlsx
