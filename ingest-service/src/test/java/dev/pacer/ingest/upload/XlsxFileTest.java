package dev.pacer.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.platform.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Reading workbooks written by POI in the test: cell types, sheets, and files that are not workbooks. */
class XlsxFileTest {

    private static byte[] write(XSSFWorkbook wb) throws IOException {
        try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** A workbook with a sheet "Notes" first and "Data" second, the latter with every kind of cell. */
    private static byte[] typedWorkbook() throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("read the other sheet");
        Sheet s = wb.createSheet("Data");
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
        CellStyle dateTime = wb.createCellStyle();
        dateTime.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        CellStyle money = wb.createCellStyle();
        money.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
        Row header = s.createRow(0);
        String[] names = {"id", "price", "big", "day", "at", "flag", "total", "note"};
        for (int i = 0; i < names.length; i++) {
            header.createCell(i).setCellValue(names[i]);
        }
        Row r = s.createRow(1);
        r.createCell(0).setCellValue(10248);
        r.createCell(1).setCellValue(0.1);
        r.getCell(1).setCellStyle(money);
        r.createCell(2).setCellValue(1.0E7);
        r.createCell(3).setCellValue(LocalDate.of(1996, 7, 4));
        r.getCell(3).setCellStyle(date);
        r.createCell(4).setCellValue(LocalDateTime.of(1996, 7, 4, 10, 30, 15));
        r.getCell(4).setCellStyle(dateTime);
        r.createCell(5).setCellValue(true);
        r.createCell(6).setCellFormula("B2*3");
        r.createCell(7).setCellValue("  spaced  ");
        s.createRow(2); // an empty row
        Row blank = s.createRow(3);
        blank.createCell(2).setBlank();
        Row third = s.createRow(4);
        third.createCell(0).setCellValue(2);
        third.createCell(7).setCellValue("only id and note"); // blank cells in between
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        return write(wb);
    }

    @Test
    void cellsKeepTheirTypeExactly() throws Exception {
        UploadTable t = XlsxFile.read(typedWorkbook(), "typed.xlsx", "Data", 100);

        assertThat(t.format()).isEqualTo("XLSX");
        assertThat(t.header()).containsExactly("id", "price", "big", "day", "at", "flag", "total", "note");
        assertThat(t.rows()).hasSize(2);
        UploadTable.Row first = t.rows().get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.cells()).containsExactly(new BigDecimal("10248"), new BigDecimal("0.1"),
                new BigDecimal("10000000"), LocalDate.of(1996, 7, 4), LocalDateTime.of(1996, 7, 4, 10, 30, 15), true,
                new BigDecimal("0.3"), "  spaced  ");
        assertThat(((BigDecimal) first.cells()[2]).toPlainString()).isEqualTo("10000000");
        UploadTable.Row second = t.rows().get(1);
        assertThat(second.number()).as("empty rows are not counted").isEqualTo(2);
        assertThat(second.line()).as("the sheet row").isEqualTo(5);
        assertThat(Arrays.asList(second.cells())).containsExactly(new BigDecimal("2"), null, null, null, null, null,
                null, "only id and note");
    }

    @Test
    void theFirstSheetIsReadUnlessOneIsNamed() throws Exception {
        byte[] wb = typedWorkbook();
        UploadTable first = XlsxFile.read(wb, "typed.xlsx", null, 100);
        assertThat(first.header()).containsExactly("read the other sheet");
        assertThat(first.rows()).isEmpty();

        assertThatThrownBy(() -> XlsxFile.read(wb, "typed.xlsx", "Orders", 100))
                .isInstanceOfSatisfying(MalformedUploadException.class, e -> {
                    assertThat(e.field()).isEqualTo("sheet");
                    assertThat(e.getMessage()).contains("'typed.xlsx'", "no sheet 'Orders'", "[Notes, Data]");
                });
    }

    @Test
    void numbersAreTakenAsExcelShowsThem() {
        assertThat(XlsxFile.number("0.30000000000000004")).isEqualTo(new BigDecimal("0.3"));
        assertThat(XlsxFile.number("1.0E7").toPlainString()).isEqualTo("10000000");
        assertThat(XlsxFile.number("14.0")).isEqualTo(new BigDecimal("14"));
        assertThat(XlsxFile.number("-2.5E-3")).isEqualTo(new BigDecimal("-0.0025"));
        assertThat(XlsxFile.number("123456789012")).isEqualTo(new BigDecimal("123456789012"));
        assertThat(XlsxFile.date(35250.0, false)).isEqualTo(LocalDate.of(1996, 7, 4));
        assertThat(XlsxFile.date(35250.4375, false)).isEqualTo(LocalDateTime.of(1996, 7, 4, 10, 30));
        assertThat(XlsxFile.date(33788.0, true)).isEqualTo(LocalDate.of(1996, 7, 4));
        assertThat(XlsxFile.column("A1")).isZero();
        assertThat(XlsxFile.column("AB12")).isEqualTo(27);
    }

    @Test
    void aHeaderNamedTwiceIsRefused() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Row h = wb.createSheet("S").createRow(0);
        h.createCell(0).setCellValue("id");
        h.createCell(1).setCellValue("ID");
        byte[] file = write(wb);
        assertThatThrownBy(() -> XlsxFile.read(file, "dup.xlsx", null, 100))
                .isInstanceOfSatisfying(MalformedUploadException.class,
                        e -> assertThat(e.getMessage()).contains("'dup.xlsx'", "appears twice"));
    }

    @Test
    void moreRowsThanTheLimitIsA413() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("S");
        for (int i = 0; i < 4; i++) {
            s.createRow(i).createCell(0).setCellValue(i == 0 ? "id" : String.valueOf(i));
        }
        byte[] file = write(wb);
        assertThat(XlsxFile.read(file, "rows.xlsx", null, 3).rows()).hasSize(3);
        assertThatThrownBy(() -> XlsxFile.read(file, "rows.xlsx", null, 2))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    @Test
    void filesThatAreNotWorkbooksAreRefusedNamingTheFile() throws Exception {
        assertThatThrownBy(() -> XlsxFile.read("id,name\n1,x\n".getBytes(StandardCharsets.UTF_8), "orders.xlsx",
                null, 100)).isInstanceOfSatisfying(MalformedUploadException.class, e -> {
                    assertThat(e.field()).isEqualTo("file");
                    assertThat(e.getMessage()).contains("'orders.xlsx' is not an XLSX workbook");
                });

        ByteArrayOutputStream ole2 = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream(new byte[16]), "EncryptedPackage");
            fs.writeFilesystem(ole2);
        }
        assertThatThrownBy(() -> XlsxFile.read(ole2.toByteArray(), "secret.xlsx", null, 100))
                .isInstanceOfSatisfying(MalformedUploadException.class,
                        e -> assertThat(e.getMessage()).contains("'secret.xlsx' is encrypted"));

        byte[] good = typedWorkbook();
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> XlsxFile.read(truncated, "cut.xlsx", null, 100))
                .isInstanceOfSatisfying(MalformedUploadException.class, e -> {
                    assertThat(e.field()).isEqualTo("file");
                    assertThat(e.getMessage()).contains("'cut.xlsx' cannot be read as an XLSX workbook");
                });

        ByteArrayOutputStream plainZip = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(plainZip)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not a workbook".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> XlsxFile.read(plainZip.toByteArray(), "other.zip", null, 100))
                .isInstanceOfSatisfying(MalformedUploadException.class,
                        e -> assertThat(e.getMessage()).contains("'other.zip' cannot be read as an XLSX workbook"));
    }

    @Test
    void aSheetThatInflatesLikeAZipBombIsRefused() throws Exception {
        byte[] bomb = rewriteSheet(typedWorkbook(), "xl/worksheets/sheet2.xml",
                xml -> xml.replace("</sheetData>", "</sheetData>" + " ".repeat(20_000_000)));
        assertThatThrownBy(() -> XlsxFile.read(bomb, "bomb.xlsx", "Data", 100))
                .isInstanceOfSatisfying(MalformedUploadException.class,
                        e -> assertThat(e.getMessage()).contains("'bomb.xlsx'", "zip bomb"));
    }

    @Test
    void aDoctypeInASheetIsRefused() throws Exception {
        byte[] xxe = rewriteSheet(typedWorkbook(), "xl/worksheets/sheet2.xml", xml -> xml.replaceFirst(
                "\\?>", "?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
                .replace("only id and note", "&xxe;"));
        assertThatThrownBy(() -> XlsxFile.read(xxe, "xxe.xlsx", "Data", 100))
                .isInstanceOf(MalformedUploadException.class).hasMessageContaining("'xxe.xlsx'")
                .hasMessageNotContaining("root:");
    }

    /** The workbook with one part's XML changed. */
    private static byte[] rewriteSheet(byte[] xlsx, String part, java.util.function.UnaryOperator<String> change)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            boolean found = false;
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(part)) {
                    data = change.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    found = true;
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(data);
                zip.closeEntry();
            }
            assertThat(found).as("part %s in %s", part, List.of()).isTrue();
        }
        return out.toByteArray();
    }
}
