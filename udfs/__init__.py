"""coopxl functions for Excel (xlwings UDFs); see coopxl_udfs."""
