"""What every module shares: time, i18n, security helpers, errors, database set-up."""
