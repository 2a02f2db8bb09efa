/** The downloadable reports (CSV, Excel) and their charts. */
export const reportTexts = {
  sheetSummary: "Tổng hợp",
  sheetCategory: "Theo lĩnh vực",
  sheetUnit: "Theo đơn vị",
  sheetStatus: "Theo trạng thái",
  sheetMonth: "Theo tháng",
  sheetOverdue: "Quá hạn",
  sheetRows: "Danh sách",
  sheetCharts: "Biểu đồ",
  colLabel: "Nhóm",
  colCount: "Số lượng",
  colShare: "Tỷ lệ",
  overdueHeaders: ["Mã kiến nghị", "Trạng thái", "Lĩnh vực", "Đơn vị", "Hạn xử lý", "Lần cập nhật cuối", "Quá hạn", "Lâu chưa cập nhật"],
  title: (from: string, to: string) => `BÁO CÁO KIẾN NGHỊ CỬ TRI từ ${from} đến ${to}`,
  total: "Tổng số kiến nghị",
  satisfaction: "Mức hài lòng trung bình",
  ratings: "Số lượt đánh giá",
  overdueCount: "Quá hạn hoặc lâu chưa cập nhật",
  generatedAt: "Lập lúc",
  fileName: (from: string, to: string) => `bao-cao-kien-nghi_${from}_${to}`,
};

export const chartTexts = {
  byCategory: "Kiến nghị theo lĩnh vực",
  byStatus: "Kiến nghị theo trạng thái",
  byUnit: "Kiến nghị theo đơn vị",
  byMonth: "Kiến nghị theo tháng",
  onTime: "Tỷ lệ đúng hạn theo đơn vị (%)",
  empty: "Chưa có số liệu",
};
