/** The staff console's overview pages: dashboard, reports, delegates' areas, plan tasks. */
export const staffOverviewTexts = {
  // Dashboard
  dashboardTitle: "Tổng quan kiến nghị",
  period: "Khoảng thời gian",
  byCategory: "Theo lĩnh vực",
  byStatus: "Theo trạng thái",
  byUnit: "Theo đơn vị",
  byMonth: "Theo tháng",
  onTime: "Tỷ lệ giải quyết đúng hạn theo đơn vị",
  satisfaction: "Mức hài lòng trung bình",
  noRatings: "chưa có đánh giá",
  overdueList: "Kiến nghị quá hạn",
  noOverdue: "Không có kiến nghị quá hạn.",
  chartPng: "Tải ảnh PNG",
  colCount: "Số lượng",
  // Reports
  reportsTitle: "Báo cáo kiến nghị",
  reportIntro: "Chọn khoảng thời gian (theo ngày tiếp nhận) rồi tải báo cáo.",
  downloadCsv: "Tải CSV",
  downloadXlsx: "Tải Excel (XLSX)",
  // Areas
  areasTitle: "Khu vực của đại biểu",
  areasIntro: "Phân công tổ dân phố/thôn thuộc đơn vị bầu cử cho từng đại biểu. Đại biểu chỉ xem kiến nghị trong khu vực của mình.",
  areasNone: "Chưa có đại biểu nào. Cấp vai trò đại biểu bằng: npm run admin -- add --channel … --user … --role delegate",
  areasField: "Khu vực (phân cách bằng dấu phẩy)",
  colDelegate: "Đại biểu",
  colAreas: "Khu vực",
  // Plan
  planTitle: "Nhiệm vụ kế hoạch của phường",
};
