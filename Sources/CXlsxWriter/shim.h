#ifndef FISCAL_SIM_CXLSXWRITER_SHIM_H
#define FISCAL_SIM_CXLSXWRITER_SHIM_H
/* libxlsxwriter (Debian libxlsxwriter-dev, pkg-config name `xlsxwriter`): writes .xlsx files
   with number formats, frozen panes, autofilters and native charts. */
#include <xlsxwriter.h>
#endif
