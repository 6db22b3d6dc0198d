def with_vat(net, rate=0.19):
    # Bug: truncates instead of rounding half up, so 10.05 * 1.19 = 11.9595 becomes 11.95.
    return int(net * (1 + rate) * 100) / 100
