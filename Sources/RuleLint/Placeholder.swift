enum RuleLintPlaceholder {}
